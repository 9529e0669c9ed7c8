package dev.automigrate.core.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.DriftException;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.SettingsException;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.status.StatusComparison;
import dev.automigrate.core.status.TrackingTable;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run parses in proportion to what changed, and gets exactly what a full parse gives: for each kind of edit
 * between two deploys, the parse that reuses the records is compared with a full parse (every changeset's identity,
 * attributes, inherited contexts, labels and ignore, file, checksum, order; the status against the rows), and the
 * migrate that follows with plain Liquibase's update on a copy of the same database (databasechangelog and data).
 */
class IncrementalParseTest {
    @TempDir
    Path resources;
    private DatabaseUrl ours;
    private DatabaseUrl plain;
    private Map<String, String> settings = new HashMap<>();
    private PlainLiquibase liquibase;
    private final List<String> included = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ours = PostgresFixture.newDatabase();
        plain = PostgresFixture.newDatabase();
        liquibase = PlainLiquibase.of(resources);
    }

    // ------------------------------------------------------------------ the edits

    @Test
    void aFileAdded() throws Exception {
        files(4, 5);
        migrateBoth();
        file("f5", 3);
        assertParsedLikeFullParse(3);
        migrateBoth();
    }

    @Test
    void aMasterOfPlainIncludesComesFromItsRecordWhileItIsUnchanged() throws Exception {
        files(4, 3);
        migrateBoth();
        write("db/changelog/f2.yaml", fileText("f2", 4));
        FullParseComparison comparison = FullParseComparison.of(migrations().location(), ours);
        assertTrue(comparison.incremental().includesFromRecord(), "the master was not read");
        assertEquals(1, comparison.incremental().parsedChangeSets());
        migrateBoth();

        file("f5", 2);
        comparison = FullParseComparison.of(migrations().location(), ours);
        assertTrue(comparison.incremental().includesFromRecord(), "a new plain include goes through Liquibase's "
                + "include, the others come from the record");
        assertEquals(2, comparison.incremental().parsedChangeSets());
        migrateBoth();

        master(Files.readString(resources.resolve(ChangeLogFolder.MASTER))
                .replace("file: f3.yaml", "file: f3.yaml\n      context: prod"));
        assertFalse(FullParseComparison.of(migrations().location(), ours).incremental().includesFromRecord(),
                "an include with a context is left to Liquibase");
        migrateBoth();
        assertFalse(FullParseComparison.of(migrations().location(), ours).incremental().includesFromRecord(),
                "a master whose include has a context is always read");
    }

    @Test
    void aFileAnUnchangedMasterIncludesIsMissingAsInAFullParse() throws Exception {
        files(3, 2);
        migrateBoth();
        Files.delete(resources.resolve("db/changelog/f2.yaml"));
        String full = assertFailsAsAFullParse();
        assertTrue(full.contains("f2.yaml"), full);
    }

    @Test
    void recordsOfAnEarlierFormatAreReadAsNoneOnce() throws Exception {
        files(3, 2);
        migrateBoth();
        PlainLiquibase.query(ours, "update automigrate_changelog_records set environment = "
                + "'1/' || split_part(environment, '/', 2) returning 1");
        file("f4", 1);
        assertParsedLikeFullParse(7);
        migrateBoth();
        file("f5", 1);
        assertParsedLikeFullParse(1);
    }

    @Test
    void recordsWrittenBeforeMastersWereRecordedAreReadAsNoneOnce() throws Exception {
        files(3, 2);
        migrateBoth();
        try (Connection connection = PostgresFixture.connect(ours); var statement = connection.createStatement()) {
            statement.execute("alter table automigrate_changelog_records drop column includes");
        }
        file("f4", 1);
        assertParsedLikeFullParse(7); // nothing recorded can be read: a full parse, which records again
        migrateBoth();
        file("f5", 1);
        assertParsedLikeFullParse(1);
    }

    @Test
    void aFileEditedIsDriftAsInAFullParse() throws Exception {
        files(3, 4);
        migrateBoth();
        write("db/changelog/f2.yaml", fileText("f2", 4).replace("f2_c3 (id int)", "f2_c3 (id bigint)"));
        DatabaseStatus status = assertParsedLikeFullParse(1);
        assertEquals(List.of("f2-3"), status.drift().stream().map(d -> d.id()).toList());
        assertThrows(DriftException.class, () -> migrations().migrate(MigrationListener.NONE));
        assertThrows(Exception.class, () -> liquibase.update(plain), "Liquibase's validation refuses it too");
        assertSameDatabases();
    }

    @Test
    void aChangeSetAppendedToABigFile() throws Exception {
        master(fileText("big", 40));
        migrateBoth();
        master(fileText("big", 41));
        DatabaseStatus status = assertParsedLikeFullParse(1);
        assertEquals(List.of("big-41"), status.pending().stream().map(p -> p.id()).toList());
        migrateBoth();
        assertParsedLikeFullParse(0);
    }

    @Test
    void aChangeSetEditedInsideABigFile() throws Exception {
        master(fileText("big", 40));
        migrateBoth();
        master(fileText("big", 40).replace("big_c17 (id int)", "big_c17 (id int, note text)"));
        DatabaseStatus status = assertParsedLikeFullParse(1);
        assertEquals(List.of("big-17"), status.drift().stream().map(d -> d.id()).toList());
        assertThrows(DriftException.class, () -> migrations().migrate(MigrationListener.NONE));
    }

    @Test
    void anIncludeReordered() throws Exception {
        files(4, 3);
        migrateBoth();
        included.add(0, included.remove(2));
        writeMaster();
        DatabaseStatus status = assertParsedLikeFullParse(0);
        assertTrue(status.upToDate(), status.toString());
        file("f5", 2);
        migrateBoth();
    }

    @Test
    void aFileDeletedAndItsRowsRolledBack() throws Exception {
        files(3, 3);
        migrateBoth();
        included.remove("f2.yaml");
        writeMaster();
        Files.delete(resources.resolve("db/changelog/f2.yaml"));
        DatabaseStatus status = assertParsedLikeFullParse(0);
        assertEquals(3, status.drift().size(), "rows the changelog no longer has: " + status);
        for (DatabaseUrl url : List.of(ours, plain)) {
            PlainLiquibase.query(url, "delete from databasechangelog where filename = 'db/changelog/f2.yaml' "
                    + "returning id");
        }
        file("f4", 1);
        migrateBoth();
        assertEquals(List.of(ChangeLogFolder.MASTER, "db/changelog/f1.yaml", "db/changelog/f3.yaml",
                        "db/changelog/f4.yaml"),
                PlainLiquibase.query(ours, "select file_path from automigrate_changelog_records order by 1"),
                "the deleted file's records are gone");
    }

    @Test
    void aRunOnChangeViewEditedInTheChangeLogOrInItsSqlFile() throws Exception {
        files(2, 3);
        write("db/changelog/views.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: view-inline
                      author: bo
                      runOnChange: true
                      changes:
                        - createView: {viewName: v_inline, replaceIfExists: true, selectQuery: select 1 as one}
                  - changeSet:
                      id: view-file
                      author: bo
                      runOnChange: true
                      changes:
                        - createView: {viewName: v_file, replaceIfExists: true, path: v_file.sql, relativeToChangelogFile: true}
                  - changeSet:
                      id: procedure
                      author: bo
                      runOnChange: true
                      changes:
                        - sqlFile: {path: sql/counter.sql, relativeToChangelogFile: true, splitStatements: false}
                """);
        write("db/changelog/v_file.sql", "select 1 as one");
        write("db/changelog/sql/counter.sql", "create or replace function counter() returns int language sql as $$ select 1 $$;");
        included.add("views.yaml");
        writeMaster();
        migrateBoth();
        assertParsedLikeFullParse(0);

        write("db/changelog/views.yaml", Files.readString(resources.resolve("db/changelog/views.yaml"))
                .replace("select 1 as one", "select 2 as one"));
        assertEquals(List.of("view-inline"), assertParsedLikeFullParse(1).pending().stream().map(p -> p.id()).toList());
        migrateBoth();

        write("db/changelog/v_file.sql", "select 2 as one");
        write("db/changelog/sql/counter.sql", "create or replace function counter() returns int language sql as $$ select 2 $$;");
        assertEquals(List.of("view-file", "procedure"),
                assertParsedLikeFullParse(2).pending().stream().map(p -> p.id()).toList());
        migrateBoth();
        assertEquals(List.of("2"), PlainLiquibase.query(ours, "select counter()"));
        assertEquals(List.of("2"), PlainLiquibase.query(ours, "select one from v_file"));
    }

    @Test
    void aParameterChangedReparsesWhereItIsUsed() throws Exception {
        files(2, 3);
        write("db/changelog/notes.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: notes-table
                      author: bo
                      changes:
                        - sql: create table notes (note text)
                  - changeSet:
                      id: release-note
                      author: bo
                      runOnChange: true
                      changes:
                        - sql: delete from notes
                        - insert: {tableName: notes, columns: [{column: {name: note, value: "${release_note}"}}]}
                """);
        included.add("notes.yaml");
        writeMaster();
        parameters("release_note", "v1");
        migrateBoth();
        assertParsedLikeFullParse(0);

        parameters("release_note", "v2");
        assertEquals(List.of("release-note"),
                assertParsedLikeFullParse(2).pending().stream().map(p -> p.id()).toList());
        migrateBoth();
        assertEquals(List.of("v2"), PlainLiquibase.query(ours, "select note from notes"));
    }

    @Test
    void aPropertyOfTheMasterUsedByAChild() throws Exception {
        write("db/changelog/child.yaml", "databaseChangeLog:\n"
                + changeSet("child-1", "create table if not exists ${table}_one (id int)")
                + changeSet("child-2", "create table if not exists other_two (id int)"));
        master("""
                databaseChangeLog:
                  - property: {name: table, value: crew}
                  - include: {file: child.yaml, relativeToChangelogFile: true}
                """);
        migrateBoth();
        assertParsedLikeFullParse(0);

        master("""
                databaseChangeLog:
                  - property: {name: table, value: team}
                  - include: {file: child.yaml, relativeToChangelogFile: true}
                """);
        DatabaseStatus status = assertParsedLikeFullParse(2);
        assertEquals(List.of("child-1"), status.drift().stream().map(d -> d.id()).toList());
    }

    @Test
    void aLogicalFilePathGivenToAnIncludeOrToAFile() throws Exception {
        files(3, 2);
        migrateBoth();
        master(Files.readString(resources.resolve(ChangeLogFolder.MASTER))
                .replace("file: f2.yaml", "file: f2.yaml\n      logicalFilePath: legacy/two.yaml"));
        DatabaseStatus status = assertParsedLikeFullParse(6); // the records' paths no longer hold: a full parse
        assertEquals(List.of("f2-1", "f2-2"), status.pending().stream().map(p -> p.id()).toList());
        assertEquals(2, status.drift().size(), "the rows under the old path: " + status);
        renameRows("db/changelog/f2.yaml", "legacy/two.yaml");
        migrateBoth();
        assertTrue(assertParsedLikeFullParse(0).upToDate());

        write("db/changelog/f3.yaml", fileText("f3", 2).replace("databaseChangeLog:\n",
                "databaseChangeLog:\n  - logicalFilePath: legacy/three.yaml\n"));
        status = assertParsedLikeFullParse(2); // the file's header changed: parsed whole
        assertEquals(List.of("f3-1", "f3-2"), status.pending().stream().map(p -> p.id()).toList());
        renameRows("db/changelog/f3.yaml", "legacy/three.yaml");
        migrateBoth();
        assertTrue(assertParsedLikeFullParse(0).upToDate());
    }

    @Test
    void contextsChangedBetweenRuns() throws Exception {
        files(2, 2);
        write("db/changelog/data.yaml", "databaseChangeLog:\n"
                + changeSet("seed", "create table if not exists seed (id int)").replace("author: ana", "author: ana\n      context: prod")
                + changeSet("fake", "create table if not exists fake (id int)").replace("author: ana", "author: ana\n      context: dev")
                + changeSet("billing", "create table if not exists invoices (id int)").replace("author: ana", "author: ana\n      labels: billing"));
        included.add("data.yaml");
        writeMaster();
        filter("prod", "!billing");
        migrateBoth();
        assertParsedLikeFullParse(2); // the changesets the filter left out have no row: parsed each time

        filter("dev", null);
        DatabaseStatus status = assertParsedLikeFullParse(2);
        assertEquals(List.of("fake", "billing"), status.pending().stream().map(p -> p.id()).toList());
        migrateBoth();
    }

    @Test
    void includeAllOrderAndPreconditions() throws Exception {
        master("""
                databaseChangeLog:
                  - includeAll: {path: all/, relativeToChangelogFile: true}
                """);
        write("db/changelog/all/001-first.yaml", fileText("first", 3));
        write("db/changelog/all/003-third.yaml", """
                databaseChangeLog:
                  - preConditions:
                      - onFail: HALT
                      - sqlCheck: {expectedResult: 0, sql: select count(*) from pg_tables where tablename = 'no_such'}
                  - changeSet:
                      id: third
                      author: bo
                      changes:
                        - sql: create table if not exists third (id int)
                """);
        migrateBoth();
        write("db/changelog/all/002-second.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: second-guarded
                      author: bo
                      preConditions:
                        - onFail: MARK_RAN
                        - tableExists: {tableName: no_such_table}
                      changes:
                        - sql: create table never (id int)
                  - changeSet:
                      id: second
                      author: bo
                      changes:
                        - sql: create table if not exists second (id int)
                """);
        DatabaseStatus status = assertParsedLikeFullParse(3); // the new file, and the one with preconditions
        assertEquals(List.of("second-guarded", "second"), status.pending().stream().map(p -> p.id()).toList());
        migrateBoth();
        assertEquals(List.of("MARK_RAN"),
                PlainLiquibase.query(ours, "select exectype from databasechangelog where id = 'second-guarded'"));
    }

    @Test
    void aFileWithAChangeSetForAnotherDatabaseIsAlwaysParsedWhole() throws Exception {
        files(2, 2);
        write("db/changelog/oracle.yaml", "databaseChangeLog:\n"
                + changeSet("ora", "create table ora (id int)").replace("author: ana", "author: ana\n      dbms: oracle")
                + changeSet("pg", "create table if not exists pg (id int)"));
        included.add("oracle.yaml");
        writeMaster();
        migrateBoth();
        assertParsedLikeFullParse(1); // the changeset Liquibase skips for another database leaves no item to map
    }

    @Test
    void recordsHoldParameterValuesOnlyAsDigests() throws Exception {
        write("db/changelog/secret.yaml", "databaseChangeLog:\n"
                + changeSet("grant", "create table if not exists granted (token text default '${api_token}')"));
        included.add("secret.yaml");
        writeMaster();
        parameters("api_token", "s3cr3t-value");
        migrateBoth();
        assertParsedLikeFullParse(0);
        String records = String.join("\n", PlainLiquibase.query(ours,
                "select changesets from automigrate_changelog_records"));
        assertTrue(records.contains("api_token") && !records.contains("s3cr3t-value"), records);
    }

    @Test
    void rowsChangedAfterTheParseMakeTheRunParseInFull() throws Exception {
        files(2, 3);
        migrateBoth();
        ChangeLogLocation location = migrations().location();
        try (Connection connection = PostgresFixture.connect(ours)) {
            ParsedChangeLog parsed = LiquibaseChangeLogReader.parse(location, connection);
            assertEquals(6, parsed.incremental().reusedChangeSets());
            PlainLiquibase.query(ours, "delete from databasechangelog where id = 'f2-2' returning id");
            var rows = TrackingTable.read(connection).orElseThrow();
            DatabaseStatus status = StatusComparison.compare(parsed.changeLogToCompareWith(rows), rows);
            assertEquals(List.of("f2-2"), status.pending().stream().map(p -> p.id()).toList());
            assertEquals(0, parsed.incremental().reusedChangeSets(), "parsed again in full");
            assertEquals(FullParseComparison.describe(LiquibaseChangeLogReader.parse(location, null).model()),
                    FullParseComparison.describe(parsed.model()));
        }
    }

    @Test
    void anErrorInAnEditedItemIsReportedAsByAFullParse() throws Exception {
        files(2, 3);
        migrateBoth();
        write("db/changelog/f2.yaml", fileText("f2", 3).replace("f2_c2 (id int)", "f2_c2 (id int)\n        - sql: \"open"));
        String full = assertFailsAsAFullParse();
        assertTrue(full.contains("db/changelog/f2.yaml") && full.contains("line"), full);
    }

    // ------------------------------------------------------------------ the changelog

    /** A master including {@code count} files of {@code size} changesets each. */
    private void files(int count, int size) {
        for (int i = 1; i <= count; i++) {
            file("f" + i, size);
        }
    }

    private void file(String name, int size) {
        write("db/changelog/" + name + ".yaml", fileText(name, size));
        included.add(name + ".yaml");
        writeMaster();
    }

    private static String fileText(String name, int size) {
        StringBuilder text = new StringBuilder("databaseChangeLog:\n");
        for (int c = 1; c <= size; c++) {
            text.append(changeSet(name + "-" + c, "create table if not exists " + name + "_c" + c + " (id int)"));
        }
        return text.toString();
    }

    private static String changeSet(String id, String sql) {
        return "  - changeSet:\n      id: " + id + "\n      author: ana\n      changes:\n        - sql: " + sql + "\n";
    }

    private void writeMaster() {
        StringBuilder master = new StringBuilder("databaseChangeLog:\n");
        for (String file : included) {
            master.append("  - include:\n      file: ").append(file).append("\n      relativeToChangelogFile: true\n");
        }
        master(master.toString());
    }

    private void master(String text) {
        write(ChangeLogFolder.MASTER, text);
    }

    private void write(String path, String text) {
        new ChangeLogFolder(resources).write(path, text);
    }

    /** What a team does after giving applied changesets another path: the rows follow, in both databases. */
    private void renameRows(String from, String to) throws Exception {
        for (DatabaseUrl url : List.of(ours, plain)) {
            PlainLiquibase.query(url, "update databasechangelog set filename = '" + to + "' where filename = '" + from
                    + "' returning id");
        }
    }

    private void parameters(String name, String value) {
        settings.put("MIGRATION_PARAMETERS", name + "=" + value);
        liquibase = liquibase.withParameters(Map.of(name, value));
    }

    private void filter(String contexts, String labels) {
        settings.remove("MIGRATION_LABELS");
        settings.put("MIGRATION_CONTEXTS", contexts);
        liquibase = PlainLiquibase.of(resources).withContexts(contexts);
        if (labels != null) {
            settings.put("MIGRATION_LABELS", labels);
            liquibase = liquibase.withLabels(labels);
        }
    }

    // ------------------------------------------------------------------ the comparisons

    private Migrations migrations() {
        return TestMigrations.of(ours, resources, settings);
    }

    private void migrateBoth() throws Exception {
        migrations().migrate(MigrationListener.NONE);
        liquibase.update(plain);
        assertSameDatabases();
    }

    private void assertSameDatabases() throws Exception {
        assertEquals(PlainLiquibase.rows(plain), PlainLiquibase.rows(ours));
        assertEquals(PlainLiquibase.tables(plain), withoutOwnTables(PlainLiquibase.tables(ours)));
    }

    private static List<String> withoutOwnTables(List<String> tables) {
        return tables.stream().filter(t -> !t.startsWith("automigrate_")).toList();
    }

    /** The parse the next run makes fails as a full parse fails, with the same message; returns it. */
    private String assertFailsAsAFullParse() throws Exception {
        ChangeLogLocation location = migrations().location();
        String full = assertThrows(SettingsException.class,
                () -> LiquibaseChangeLogReader.parse(location, null)).getMessage();
        try (Connection connection = PostgresFixture.connect(ours)) {
            assertEquals(full, assertThrows(SettingsException.class,
                    () -> LiquibaseChangeLogReader.parse(location, connection)).getMessage());
        }
        return full;
    }

    /**
     * Parses as the next run will and compares with a full parse; returns the status both give.
     *
     * @param parsed how many changesets Liquibase had to load (the rest stood in from the records)
     */
    private DatabaseStatus assertParsedLikeFullParse(int parsed) throws Exception {
        FullParseComparison comparison = FullParseComparison.of(migrations().location(), ours);
        assertEquals(parsed, comparison.incremental().parsedChangeSets(), "changesets parsed");
        return comparison.status();
    }
}
