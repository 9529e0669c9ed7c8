package dev.automigrate.core;

import static dev.automigrate.core.testing.PlainLiquibase.query;
import static dev.automigrate.core.testing.PlainLiquibase.rows;
import static dev.automigrate.core.testing.PlainLiquibase.tables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.check.CheckReport;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.SettingsException;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.FilteredChangeLog;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changelogs that use Liquibase's everyday features behave exactly as under plain Liquibase 4.33: each test runs
 * both on their own copy of one database (same changelog, same settings) and compares what they recorded and the data.
 */
class LiquibaseSemanticsTest {

    @TempDir
    Path resources;

    private static final Map<String, String> PROD = FilteredChangeLog.PROD_SETTINGS;
    private static final Map<String, String> PROD_PARAMETERS = FilteredChangeLog.PROD_PARAMETERS;

    private Migrations migrations(DatabaseUrl url, Map<String, String> settings) {
        return TestMigrations.of(url, resources, settings);
    }

    private PlainLiquibase prodLiquibase() {
        return FilteredChangeLog.prodLiquibase(resources);
    }

    private static List<String> data(DatabaseUrl url) throws SQLException {
        return FilteredChangeLog.data(url);
    }

    @Test
    void contextsLabelsParametersAndRunAlwaysDoWhatLiquibaseDoes() throws Exception {
        FilteredChangeLog.write(resources);
        DatabaseUrl ours = PostgresFixture.newDatabase();
        DatabaseUrl plain = PostgresFixture.newDatabase();

        MigrationResult first = migrations(ours, PROD).migrate(MigrationListener.NONE);
        prodLiquibase().update(plain);
        assertEquals(rows(plain), rows(ours));
        assertEquals(data(plain), data(ours));
        assertEquals(List.of("1-crews", "4-prod-seed", "5-notes", "6-count-runs"),
                first.applied().stream().map(a -> a.changeSet().id()).toList());
        assertTrue(data(ours).containsAll(List.of("2:seed", "v1.4", "team platform", "runs 1")), data(ours).toString());
        assertFalse(tables(ours).contains("invoices") || data(ours).contains("1:fake"), data(ours).toString());

        // nothing changed: the runAlways changeset runs again (RERAN), whatever took the fast path before
        MigrationResult second = migrations(ours, PROD).migrate(MigrationListener.NONE);
        prodLiquibase().update(plain);
        assertEquals(rows(plain), rows(ours));
        assertEquals(data(plain), data(ours));
        assertEquals(List.of("6-count-runs"), second.applied().stream().map(a -> a.changeSet().id()).toList());
        assertTrue(data(ours).contains("runs 2"), data(ours).toString());
        assertEquals(List.of("RERAN"), query(ours, "select exectype from databasechangelog where id = '6-count-runs'"));

        // and a third time, when the fingerprint recorded by the second run answers for everything else
        migrations(ours, PROD).migrate(MigrationListener.NONE);
        prodLiquibase().update(plain);
        assertEquals(rows(plain), rows(ours));
        assertEquals(data(plain), data(ours));
    }

    @Test
    void aFilteredOutChangeSetIsNeitherPendingNorAppliedAndRunAlwaysIsNeverPending() throws Exception {
        FilteredChangeLog.write(resources);
        DatabaseUrl url = PostgresFixture.newDatabase();
        migrations(url, PROD).migrate(MigrationListener.NONE);

        for (int run = 0; run < 2; run++) { // parsed, then from the fingerprint
            DatabaseStatus status = migrations(url, PROD).status().status();
            assertTrue(status.upToDate(), status.toString());
            assertEquals(List.of(), status.pending());
            assertEquals(3, status.filteredOut(), status.toString());
            assertEquals(List.of("6-count-runs"), status.runsAlways().stream().map(p -> p.id()).toList());
            assertEquals("6-count-runs", status.latestRevision());
            CheckReport check = migrations(url, PROD).check(false);
            assertTrue(check.passed(), check.reasons().toString());
        }
        List<String> text = ReportText.status(migrations(url, PROD).status());
        assertTrue(text.contains("Filtered out:     3 (contexts 'prod', labels '!billing')"), text.toString());
        assertTrue(text.stream().anyMatch(line -> line.startsWith("Runs always:      1")), text.toString());
    }

    @Test
    void anotherFilterIsAnotherRunAndAppliesWhatItSelects() throws Exception {
        FilteredChangeLog.write(resources);
        DatabaseUrl ours = PostgresFixture.newDatabase();
        DatabaseUrl plain = PostgresFixture.newDatabase();
        migrations(ours, PROD).migrate(MigrationListener.NONE);
        prodLiquibase().update(plain);

        Map<String, String> dev = Map.of("MIGRATION_CONTEXTS", "dev", "MIGRATION_PARAMETERS", "deploy_note=v1.4");
        // 2-fake-data (dev) and 3-billing (no label filter now): the fingerprint recorded for prod does not answer
        assertEquals(List.of("2-fake-data", "3-billing"),
                migrations(ours, dev).status().status().pending().stream().map(p -> p.id()).toList());
        migrations(ours, dev).migrate(MigrationListener.NONE);
        PlainLiquibase.of(resources).withContexts("dev").withParameters(PROD_PARAMETERS).update(plain);
        assertEquals(rows(plain), rows(ours));
        assertEquals(data(plain), data(ours));
        assertTrue(data(ours).contains("1:fake"), data(ours).toString());
    }

    @Test
    void aParameterGivenFromOutsideWinsOverTheChangeLogsPropertyAsInLiquibase() throws Exception {
        FilteredChangeLog.write(resources);
        DatabaseUrl ours = PostgresFixture.newDatabase();
        DatabaseUrl plain = PostgresFixture.newDatabase();
        Map<String, String> parameters = Map.of("MIGRATION_PARAMETERS", "deploy_note=v2\\, hotfix,team=data");
        migrations(ours, parameters).migrate(MigrationListener.NONE);
        PlainLiquibase.of(resources).withParameters(Map.of("deploy_note", "v2, hotfix", "team", "data")).update(plain);
        assertEquals(rows(plain), rows(ours));
        assertEquals(data(plain), data(ours));
        assertTrue(data(ours).containsAll(List.of("v2, hotfix", "team data")), data(ours).toString());
    }

    @Test
    void anUnresolvedParameterInAChangeSetAboutToRunIsRefusedBeforeAnythingRuns() throws Exception {
        new ChangeLogFolder(resources).write(ChangeLogFolder.MASTER, """
                databaseChangeLog:
                  - changeSet:
                      id: 1-table
                      author: ana
                      changes:
                        - sql: create table notes (note text)
                  - changeSet:
                      id: 2-note
                      author: ana
                      changes:
                        - insert: {tableName: notes, columns: [{column: {name: note, value: "${release_note}"}}]}
                """);
        DatabaseUrl url = PostgresFixture.newDatabase();
        SettingsException error = assertThrows(SettingsException.class,
                () -> migrations(url, Map.of()).migrate(MigrationListener.NONE));
        assertEquals(Setting.MIGRATION_PARAMETERS, error.setting());
        assertEquals(ExitCode.BAD_SETTINGS, error.exitCode());
        assertTrue(error.getMessage().contains("${release_note}")
                && error.getMessage().contains("db/changelog/db.changelog-master.yaml::2-note::ana"), error.getMessage());
        assertEquals(List.of(), tables(url), "nothing ran, not even the changeset before it or the tracking tables");
        assertThrows(SettingsException.class, () -> migrations(url, Map.of()).check(true), "check refuses it too");

        migrations(url, Map.of("MIGRATION_PARAMETERS", "release_note=v1")).migrate(MigrationListener.NONE);
        assertEquals(List.of("v1"), query(url, "select note from notes"));
    }

    /** What the first trial found already matching Liquibase: kept so, with the same oracle. */
    @Test
    void includeAllPreconditionsFormattedSqlAndPropertiesStillDoWhatLiquibaseDoes() throws Exception {
        ChangeLogFolder files = new ChangeLogFolder(resources);
        files.write(ChangeLogFolder.MASTER, """
                databaseChangeLog:
                  - property: {name: table_prefix, value: app}
                  - includeAll:
                      path: all/
                      relativeToChangelogFile: true
                  - include:
                      file: formatted.sql
                      relativeToChangelogFile: true
                """);
        files.write("db/changelog/all/002-second.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: second
                      author: ana
                      preConditions:
                        - onFail: MARK_RAN
                        - tableExists: {tableName: no_such_table}
                      changes:
                        - sql: create table never (id int)
                """);
        files.write("db/changelog/all/001-first.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: first
                      author: ana
                      changes:
                        - sql: create table ${table_prefix}_first (id int)
                """);
        files.write("db/changelog/formatted.sql", """
                --liquibase formatted sql

                --changeset bo:f1
                create table f1 (id int);
                insert into f1 values (1);
                insert into f1 values (2);

                --changeset bo:f2 runOnChange:true
                create or replace view f1_view as select id from f1;
                """);
        DatabaseUrl ours = PostgresFixture.newDatabase();
        DatabaseUrl plain = PostgresFixture.newDatabase();
        migrations(ours, Map.of()).migrate(MigrationListener.NONE);
        PlainLiquibase.of(resources).update(plain);
        assertEquals(rows(plain), rows(ours));
        assertEquals(tables(plain), tables(ours));
        assertEquals(List.of("app_first", "databasechangelog", "f1", "f1_view"), tables(ours));
        assertEquals(query(plain, "select count(*) from f1"), query(ours, "select count(*) from f1"));
    }
}
