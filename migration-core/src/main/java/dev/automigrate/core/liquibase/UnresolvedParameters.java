package dev.automigrate.core.liquibase;

import dev.automigrate.core.changelog.ChangeSetPaths;
import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.SettingsException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.serializer.core.string.StringChangeLogSerializer;

/**
 * Liquibase's changelog parameters, remembering every {@code ${name}} that had no value while a file was parsed.
 * Liquibase leaves such an expression in the text as it is, so a changeset would insert {@code ${deploy_note}}
 * literally; a changeset about to run that still holds one is refused instead, naming the parameter.
 */
final class UnresolvedParameters extends ChangeLogParameters {
    /** Names without a value, by the physical path of the file whose expression asked for them. */
    private final Map<String, Set<String>> missing = new ConcurrentHashMap<>();

    UnresolvedParameters(Database database) {
        super(database);
    }

    @Override
    public Object getValue(String key, DatabaseChangeLog changeLog) {
        Object value = super.getValue(key, changeLog);
        if (value == null && changeLog != null) {
            missing.computeIfAbsent(changeLog.getPhysicalFilePath(), path -> ConcurrentHashMap.newKeySet()).add(key);
        }
        return value;
    }

    /**
     * Refuses when a changeset about to run still holds a {@code ${name}} that nothing set.
     *
     * @throws SettingsException naming the parameter, the changeset and the setting (exit 64)
     */
    void requireResolved(Collection<ChangeSet> toRun) {
        for (ChangeSet changeSet : toRun) {
            Set<String> names = missing.get(changeSet.getChangeLog().getPhysicalFilePath());
            if (names == null || names.isEmpty()) {
                continue;
            }
            Set<String> used = new TreeSet<>();
            StringChangeLogSerializer serializer = new StringChangeLogSerializer();
            for (Change change : changeSet.getChanges()) {
                String text = serializer.serialize(change, false);
                names.stream().filter(name -> text.contains("${" + name + "}")).forEach(used::add);
            }
            if (!used.isEmpty()) {
                String name = used.iterator().next();
                throw new SettingsException(Setting.MIGRATION_PARAMETERS, null, "has no value for ${" + name + "}, which "
                        + "changeset " + ChangeSetPaths.identity(changeSet.getFilePath(), changeSet.getId(),
                        changeSet.getAuthor()) + " uses: set it (" + name + "=…) in MIGRATION_PARAMETERS, "
                        + "-Dmigration.parameters or <parameters>, or as a property in the changelog");
            }
        }
    }
}
