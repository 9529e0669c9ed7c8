package dev.automigrate.core.liquibase.incremental;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.Charset;
import java.util.TreeMap;
import java.util.logging.Level;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.changeset.ChangeSetServiceFactory;
import liquibase.configuration.AutoloadedConfigurations;
import liquibase.configuration.ConfigurationDefinition;
import liquibase.database.Database;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.util.LiquibaseUtil;

/**
 * What a parse depends on besides the changelog's files, as one digest: records made under another key are not
 * used. Liquibase's version and checksum version, the database type (a change limited to some databases counts in
 * the checksum only on those), the parsers and the changeset service Liquibase would use, and the current value of
 * every setting Liquibase loads at start (file encoding, the handling of missing properties, …).
 */
final class EnvironmentKey {
    private EnvironmentKey() {
    }

    /** Call inside the run's Liquibase scope. */
    static String of(Database database) {
        StringBuilder text = new StringBuilder("liquibase ").append(LiquibaseUtil.getBuildVersion())
                .append("\nchecksum ").append(ChecksumVersion.latest().getVersion())
                .append("\ndatabase ").append(database.getShortName())
                .append("\nchangesets ").append(ChangeSetServiceFactory.getInstance().createChangeSetService()
                        .getClass().getName());
        for (ChangeLogParser parser : ChangeLogParserFactory.getInstance().getParsers()) {
            text.append("\nparser ").append(parser.getClass().getName()).append(' ').append(parser.getPriority());
        }
        // the definitions of the loaded settings classes, not all registered ones: others register as their classes
        // load, which depends on what the process did before
        TreeMap<String, String> settings = new TreeMap<>();
        for (AutoloadedConfigurations container : Scope.getCurrentScope().getServiceLocator()
                .findInstances(AutoloadedConfigurations.class)) {
            for (Field field : container.getClass().getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigurationDefinition.class.isAssignableFrom(field.getType())) {
                    ConfigurationDefinition<?> definition = definition(field);
                    if (definition != null) {
                        settings.put(definition.getKey(), stable(definition.getCurrentValue()));
                    }
                }
            }
        }
        settings.forEach((key, value) -> text.append('\n').append(key).append('=').append(value));
        return Digests.ofValue(text.toString());
    }

    private static ConfigurationDefinition<?> definition(Field field) {
        try {
            return (ConfigurationDefinition<?>) field.get(null);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** A value as text that is the same in every JVM: no identity hashes, no addresses of lambda classes. */
    private static String stable(Object value) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Charset || value instanceof Level
                || value instanceof Class<?>) {
            return String.valueOf(value);
        }
        Class<?> type = value.getClass();
        return type.isHidden() || type.isSynthetic() || type.isAnonymousClass() ? "(function)" : type.getName();
    }
}
