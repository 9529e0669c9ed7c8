package dev.automigrate.core.liquibase.incremental;

import java.security.CodeSource;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.changeset.ChangeSetServiceFactory;
import liquibase.configuration.ConfigurationValueProvider;
import liquibase.configuration.LiquibaseConfiguration;
import liquibase.configuration.core.DefaultsFileValueProvider;
import liquibase.database.Database;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.util.LiquibaseUtil;
import org.yaml.snakeyaml.Yaml;

/**
 * What a parse depends on besides the changelog's files, as one digest: records made under another key are not
 * used. Liquibase's version and checksum version, the YAML library, the database type (a change limited to some
 * databases counts in the checksum only on those), the parsers and the changeset service Liquibase would use, and
 * every source a Liquibase setting can come from (its Java properties, its environment variables, a defaults
 * file, any other value provider): any setting (file encoding, the handling of missing properties, …) set otherwise
 * than before gives another key. The sources rather than each setting's value: asking Liquibase for the ~80 values
 * costs a fresh JVM ~100 ms, reading the sources well under 1 ms.
 */
final class EnvironmentKey {
    private EnvironmentKey() {
    }

    /** Call inside the run's Liquibase scope. */
    static String of(Database database) {
        StringBuilder text = new StringBuilder("liquibase ").append(LiquibaseUtil.getBuildVersion())
                .append(' ').append(origin(LiquibaseUtil.class.getProtectionDomain().getCodeSource()))
                .append("\nyaml ").append(origin(Yaml.class.getProtectionDomain().getCodeSource()))
                .append("\nchecksum ").append(ChecksumVersion.latest().getVersion())
                .append("\ndatabase ").append(database.getShortName())
                .append("\nchangesets ").append(ChangeSetServiceFactory.getInstance().createChangeSetService()
                        .getClass().getName());
        for (ChangeLogParser parser : ChangeLogParserFactory.getInstance().getParsers()) {
            text.append("\nparser ").append(parser.getClass().getName()).append(' ').append(parser.getPriority());
        }
        for (ConfigurationValueProvider provider : Scope.getCurrentScope().getSingleton(LiquibaseConfiguration.class)
                .getProviders()) {
            text.append("\nsettings from ").append(provider.getClass().getName()).append(' ')
                    .append(provider.getPrecedence());
            if (provider instanceof DefaultsFileValueProvider file) {
                new TreeMap<>(file.getMap()).forEach((key, value) -> text.append("\n  ").append(key).append('=')
                        .append(value));
            }
        }
        TreeMap<String, String> settings = new TreeMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key.toString().toLowerCase(Locale.ROOT).startsWith("liquibase")) {
                settings.put("property " + key, String.valueOf(value));
            }
        });
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            if (variable.getKey().toUpperCase(Locale.ROOT).startsWith("LIQUIBASE")) {
                settings.put("environment " + variable.getKey(), variable.getValue());
            }
        }
        settings.forEach((key, value) -> text.append('\n').append(key).append('=').append(value));
        return Digests.ofValue(text.toString());
    }

    private static String origin(CodeSource source) {
        if (source == null || source.getLocation() == null) {
            return "(unknown)";
        }
        String location = source.getLocation().toString();
        return location.substring(location.lastIndexOf('/', location.length() - 2) + 1);
    }
}
