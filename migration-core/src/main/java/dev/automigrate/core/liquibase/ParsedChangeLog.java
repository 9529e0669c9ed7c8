package dev.automigrate.core.liquibase;

import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.ChangeSetPaths;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.liquibase.incremental.IncrementalParse;
import dev.automigrate.core.liquibase.incremental.ParseRecorder;
import dev.automigrate.core.status.AppliedChangeSet;
import dev.automigrate.core.status.ChangeLogRecords;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;

/**
 * A changelog parsed once for one run on one connection: Liquibase's own model, which update, the SQL plan and
 * the verification reuse instead of parsing again, and this project's records of it. Valid while its connection
 * is open; keep only {@link #changeLog()} beyond the run.
 *
 * <p>The parse is in proportion to what changed since the last run that recorded the changelog's files: applied
 * changesets whose items are unchanged stand in from those records, unparsed (see
 * {@link dev.automigrate.core.liquibase.incremental}). What this class answers is exactly what a full parse gives.
 */
public final class ParsedChangeLog {
    private final ChangeLogLocation location;
    private final Database database;
    private Parse parse;
    private ChangeLog compared;
    private ChangeLog complete;

    /**
     * One parse's results.
     *
     * @param changeSets  the changesets that apply to PostgreSQL, in order
     * @param incremental the parse that noted what each file yielded (and may have reused records), or null
     */
    record Parse(DatabaseChangeLog model, UnresolvedParameters parameters, List<ChangeSet> changeSets,
                 List<String> sourceDirectories, String digest, IncrementalParse incremental) {
        Parse {
            changeSets = List.copyOf(changeSets);
            sourceDirectories = List.copyOf(sourceDirectories);
        }
    }

    ParsedChangeLog(ChangeLogLocation location, Database database, Parse parse) {
        this.location = location;
        this.database = database;
        this.parse = parse;
    }

    /**
     * Every changeset that applies to PostgreSQL, with the checksum Liquibase records for it. Computing a checksum
     * is most of the cost of reading a changelog; after update applied a changeset, Liquibase has it already.
     */
    public ChangeLog changeLog() {
        if (complete == null) {
            complete = compared == null ? LiquibaseChangeLogReader.record(this, changeSet -> true)
                    : LiquibaseChangeLogReader.withEveryChecksum(this, compared);
        }
        return complete;
    }

    /**
     * The changelog as far as a comparison with these rows needs it: checksums only for the changesets the rows
     * record, null for the others. So a first migrate computes none before update, which computes each checksum
     * anyway as it applies the changeset. Compare it with exactly these rows, and use {@link #changeLog()} for
     * anything else. Where records stood in for changesets the rows no longer record with the same checksum (rows
     * changed since the parse: another instance migrated, a rollback ran), the changelog is first parsed in full, so
     * that whatever these rows leave to run or to plan was parsed.
     *
     * @param rows the rows of {@code databasechangelog}, or null when the table does not exist
     */
    public ChangeLog changeLogToCompareWith(List<AppliedChangeSet> rows) {
        requireRecordedRows(rows);
        if (complete != null) {
            return complete;
        }
        Set<String> recorded = rows == null ? Set.of()
                : rows.stream().map(AppliedChangeSet::identity).collect(Collectors.toSet());
        compared = LiquibaseChangeLogReader.record(this, changeSet -> recorded.contains(identity(changeSet)));
        return compared;
    }

    private void requireRecordedRows(List<AppliedChangeSet> rows) {
        IncrementalParse incremental = parse.incremental();
        if (incremental == null || incremental.reusedChangeSets() == 0) {
            return;
        }
        Map<String, String> checksums = new HashMap<>();
        if (rows != null) {
            rows.forEach(row -> checksums.put(row.identity(), row.checksum()));
        }
        if (incremental.unmatched(parse.model().getChangeSets(), checksums) != null) {
            parse = LiquibaseChangeLogReader.parseAgainInFull(location, database, incremental.previous());
            compared = null;
            complete = null;
        }
    }

    /** How many changesets apply to PostgreSQL. */
    public int changeSetCount() {
        return parse.changeSets().size();
    }

    /** How many of them stood in from the records of the last run, unparsed. */
    public int changeSetsFromRecords() {
        IncrementalParse incremental = parse.incremental();
        return incremental == null ? 0 : incremental.reusedChangeSets();
    }

    /**
     * Refuses, before anything runs, when one of these changesets still holds a {@code ${name}} that no parameter
     * set (Liquibase would run it with the expression as literal text).
     *
     * @throws dev.automigrate.core.settings.SettingsException naming the parameter, the changeset and the setting
     */
    public void requireParametersResolved(List<PendingChangeSet> toRun) {
        Set<String> identities = toRun.stream().map(PendingChangeSet::identity).collect(Collectors.toSet());
        parse.parameters().requireResolved(parse.changeSets().stream()
                .filter(c -> identities.contains(identity(c))).toList());
    }

    /**
     * Keeps, for the next run, what each changelog file yielded, so that it parses only what changes until then.
     * Call only from a run that may write, under the migration lock, once the database is up to date with this
     * changelog. Best effort: a failure only means the next run parses more.
     */
    public boolean tryRecordFiles(Connection connection) {
        IncrementalParse incremental = parse.incremental();
        if (incremental == null) {
            return false;
        }
        try {
            List<ChangeLogFileRecord> files = LiquibaseScope.run(location,
                    Map.of(Scope.Attr.database.name(), database), () -> ParseRecorder.records(incremental, database));
            return new ChangeLogRecords(location).tryWrite(connection, incremental.previous().environment(), files,
                    incremental.previous().files());
        } catch (Exception e) {
            return false;
        }
    }

    static String identity(ChangeSet changeSet) {
        return ChangeSetPaths.identity(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor());
    }

    ChangeLogLocation location() {
        return location;
    }

    DatabaseChangeLog model() {
        return parse.model();
    }

    ChangeLogParameters parameters() {
        return parse.parameters();
    }

    /** The run's connection as Liquibase sees it: wrapped once, as wrapping costs several queries. */
    Database database() {
        return database;
    }

    List<ChangeSet> changeSets() {
        return parse.changeSets();
    }

    List<String> sourceDirectories() {
        return parse.sourceDirectories();
    }

    String digest() {
        return parse.digest();
    }

    /** The incremental parse behind the model, or null; for tests of what was reused. */
    IncrementalParse incremental() {
        return parse.incremental();
    }
}
