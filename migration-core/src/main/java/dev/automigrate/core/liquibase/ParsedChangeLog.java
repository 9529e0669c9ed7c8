package dev.automigrate.core.liquibase;

import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.ChangeSetPaths;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.status.AppliedChangeSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;

/**
 * A changelog parsed once for one run on one connection: Liquibase's own model, which update, the SQL plan and
 * the verification reuse instead of parsing again, and this project's records of it. Valid while its connection
 * is open; keep only {@link #changeLog()} beyond the run.
 */
public final class ParsedChangeLog {
    private final ChangeLogLocation location;
    private final DatabaseChangeLog model;
    private final UnresolvedParameters parameters;
    private final Database database;
    private final List<ChangeSet> changeSets;
    private final List<String> sourceDirectories;
    private final String digest;
    private ChangeLog complete;

    ParsedChangeLog(ChangeLogLocation location, DatabaseChangeLog model, UnresolvedParameters parameters,
                    Database database, List<ChangeSet> changeSets, List<String> sourceDirectories, String digest) {
        this.location = location;
        this.model = model;
        this.parameters = parameters;
        this.database = database;
        this.changeSets = List.copyOf(changeSets);
        this.sourceDirectories = List.copyOf(sourceDirectories);
        this.digest = digest;
    }

    /**
     * Every changeset that applies to PostgreSQL, with the checksum Liquibase records for it. Computing a checksum
     * is most of the cost of reading a changelog; after update applied a changeset, Liquibase has it already.
     */
    public ChangeLog changeLog() {
        if (complete == null) {
            complete = LiquibaseChangeLogReader.record(this, changeSet -> true);
        }
        return complete;
    }

    /**
     * The changelog as far as a comparison with these rows needs it: checksums only for the changesets the rows
     * record, null for the others. So a first migrate computes none before update, which computes each checksum
     * anyway as it applies the changeset. Compare it with exactly these rows, and use {@link #changeLog()} for
     * anything else.
     *
     * @param rows the rows of {@code databasechangelog}, or null when the table does not exist
     */
    public ChangeLog changeLogToCompareWith(List<AppliedChangeSet> rows) {
        if (complete != null) {
            return complete;
        }
        Set<String> recorded = rows == null ? Set.of()
                : rows.stream().map(AppliedChangeSet::identity).collect(Collectors.toSet());
        return LiquibaseChangeLogReader.record(this, changeSet -> recorded.contains(identity(changeSet)));
    }

    /**
     * Refuses, before anything runs, when one of these changesets still holds a {@code ${name}} that no parameter
     * set (Liquibase would run it with the expression as literal text).
     *
     * @throws dev.automigrate.core.settings.SettingsException naming the parameter, the changeset and the setting
     */
    public void requireParametersResolved(List<PendingChangeSet> toRun) {
        Set<String> identities = toRun.stream().map(PendingChangeSet::identity).collect(Collectors.toSet());
        parameters.requireResolved(changeSets.stream().filter(c -> identities.contains(identity(c))).toList());
    }

    static String identity(ChangeSet changeSet) {
        return ChangeSetPaths.identity(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor());
    }

    ChangeLogLocation location() {
        return location;
    }

    DatabaseChangeLog model() {
        return model;
    }

    ChangeLogParameters parameters() {
        return parameters;
    }

    /** The run's connection as Liquibase sees it: wrapped once, as wrapping costs several queries. */
    Database database() {
        return database;
    }

    List<ChangeSet> changeSets() {
        return changeSets;
    }

    List<String> sourceDirectories() {
        return sourceDirectories;
    }

    String digest() {
        return digest;
    }
}
