package dev.automigrate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ExpectedChangeSet;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.check.CheckReport;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.SettingsException;
import dev.automigrate.core.settings.SettingsLayer;
import dev.automigrate.core.settings.SettingsResolver;
import dev.automigrate.core.settings.Source;
import dev.automigrate.core.status.AppliedChangeSet;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.status.Drift;
import dev.automigrate.core.status.StatusReport;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands on a real PostgreSQL: each test gets a fresh database and a changelog folder. */
class MigrationsTest {
    @TempDir
    Path resources;
    private ChangeLogFolder changeLog;
    private DatabaseUrl url;

    @BeforeEach
    void freshDatabase() {
        url = PostgresFixture.newDatabase();
        changeLog = new ChangeLogFolder(resources);
    }

    private Migrations migrations() {
        return migrations(Map.of());
    }

    /** The connect timeout leaves a loaded CI machine time to log in. */
    private Migrations migrations(Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("DATABASE_CONNECT_TIMEOUT", "10s"));
        settings.putAll(extra);
        return TestMigrations.of(url, resources, settings);
    }

    private ChangeLogFolder threeTables() {
        return changeLog.sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key, name text)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key, crew_id bigint)")
                .sqlChangeSet("003-tasks", "bo", "create table tasks (id bigint primary key, title text)");
    }

    @Test
    void statusOnAnEmptyDatabaseCreatesNothing() throws SQLException {
        threeTables();
        StatusReport report = migrations().status();
        assertFalse(report.status().trackingInitialised());
        assertEquals(3, report.status().pending().size());
        assertEquals(0, report.status().appliedCount());
        assertNull(report.status().currentRevision());
        assertEquals("003-tasks", report.status().latestRevision());
        assertTrue(report.connection().product().startsWith("PostgreSQL 17"), report.connection().product());
        assertEquals(List.of(), tables());
        assertEquals(0, advisoryAndTableLocksHeldByOthers());
    }

    @Test
    void migrateAppliesEverythingThenIsUpToDate() throws SQLException {
        threeTables();
        List<MigrationEvent> events = new ArrayList<>();
        MigrationResult result = migrations().migrate(events::add);

        assertEquals(List.of("001-crews", "002-agents", "003-tasks"),
                result.applied().stream().map(a -> a.changeSet().id()).toList());
        assertTrue(result.statusAfter().upToDate());
        assertEquals("003-tasks", result.statusAfter().currentRevision());
        List<String> progress = events.stream().filter(e -> e instanceof MigrationEvent.ChangeSetApplied)
                .map(ReportText::event).toList();
        assertEquals(3, progress.size());
        assertTrue(progress.get(2).startsWith("Applied 3/3 003-tasks (bo) … "), progress.get(2));
        assertTrue(tables().containsAll(List.of("crews", "agents", "tasks", "databasechangelog")));

        StatusReport again = migrations().status();
        assertTrue(again.status().upToDate());
        assertEquals(3, again.status().appliedCount());
        assertEquals(0, migrations().migrate(MigrationListener.NONE).applied().size());
    }

    @Test
    void theLastParsedChangelogIsKeptForALongRunningFrontEnd() {
        threeTables();
        Migrations migrations = migrations();
        assertTrue(migrations.lastParsedChangeLog().isEmpty());
        migrations.migrate(MigrationListener.NONE);
        ChangeLog parsed = migrations.lastParsedChangeLog().orElseThrow();
        assertEquals(List.of("001-crews", "002-agents", "003-tasks"),
                parsed.changeSets().stream().map(ExpectedChangeSet::id).toList());

        // an up-to-date run answered by the fingerprint parses nothing, so there is nothing to hand on
        Migrations fresh = migrations();
        assertTrue(fresh.migrate(MigrationListener.NONE).statusAfter().upToDate());
        assertTrue(fresh.lastParsedChangeLog().isEmpty());
    }

    @Test
    void aPartlyMigratedDatabaseListsWhatIsPending() {
        changeLog.sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)");
        migrations().migrate(MigrationListener.NONE);
        changeLog.sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key)")
                .sqlChangeSet("003-tasks", "bo", "create table tasks (id bigint primary key)");

        DatabaseStatus status = migrations().status().status();
        assertEquals("001-crews", status.currentRevision());
        assertEquals("003-tasks", status.latestRevision());
        assertEquals(List.of("db/changelog/changes/002-agents.yaml::002-agents::ana",
                "db/changelog/changes/003-tasks.yaml::003-tasks::bo"),
                status.pending().stream().map(PendingChangeSet::identity).toList());
        CheckReport check = migrations().check(false);
        assertEquals(ExitCode.PENDING, check.verdict());
        assertTrue(check.toJson().contains("\"id\":\"002-agents\""), check.toJson());
        assertEquals(ExitCode.SUCCESS, migrations().check(true).verdict());
    }

    @Test
    void aChangeLogLiquibaseRejectsIsNamedWithItsProblemAndNothingIsApplied() throws SQLException {
        changeLog.sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)");
        changeLog.write("db/changelog/changes/002-agents.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 002-agents
                      author: ana
                      changes:
                        - createTable:
                            columns:
                              - column: {name: id, type: bigint}
                """);
        changeLog.write(ChangeLogFolder.MASTER, """
                databaseChangeLog:
                  - include: {file: changes/001-crews.yaml, relativeToChangelogFile: true}
                  - include: {file: changes/002-agents.yaml, relativeToChangelogFile: true}
                """);

        MigrationException failure = assertThrows(MigrationException.class, () -> migrations().migrate(MigrationListener.NONE));
        assertTrue(failure.getMessage().contains("tableName is required for createTable"), failure.getMessage());
        assertTrue(failure.getMessage().contains("db/changelog/changes/002-agents.yaml::002-agents::ana"), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        assertFalse(tables().contains("crews"), "validation comes before the first changeset");
    }

    @Test
    void aFailingChangeSetLeavesNoTraceAndTheOnesBeforeItStay() throws SQLException {
        changeLog.sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key)")
                .changeSet("003-broken", "003-broken", "bo",
                        "create table half_done (id int); insert into no_such_table values (1)", true)
                .sqlChangeSet("004-tasks", "bo", "create table tasks (id bigint primary key)");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                () -> migrations().migrate(MigrationListener.NONE));
        assertEquals(ExitCode.MIGRATION_FAILED, failure.exitCode());
        assertEquals("003-broken", failure.changeSet().id());
        assertEquals("db/changelog/changes/003-broken.yaml", failure.changeSet().changeLog());
        assertTrue(failure.databaseError().contains("relation \"no_such_table\" does not exist"),
                failure.databaseError());
        assertEquals(2, failure.appliedBefore().size());
        assertTrue(failure.getMessage().contains("003-broken") && failure.getMessage().contains("no_such_table"),
                failure.getMessage());

        List<String> tables = tables();
        assertTrue(tables.containsAll(List.of("crews", "agents")), tables.toString());
        assertFalse(tables.contains("half_done"), tables.toString());
        assertFalse(tables.contains("tasks"), tables.toString());
        DatabaseStatus status = migrations().status().status();
        assertEquals(2, status.appliedCount());
        assertEquals("002-agents", status.currentRevision());

        changeLog.editChangeSet("003-broken", "003-broken", "bo", "create table half_done (id int)");
        MigrationResult recovered = migrations().migrate(MigrationListener.NONE);
        assertEquals(2, recovered.applied().size());
        assertTrue(recovered.statusAfter().upToDate());
    }

    @Test
    void driftOfBothKindsIsReported() {
        changeLog.sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key)");
        migrations().migrate(MigrationListener.NONE);

        changeLog.editChangeSet("001-crews", "001-crews", "ana", "create table crews (id int primary key)")
                .removeChangeSet("002-agents");
        DatabaseStatus status = migrations().status().status();
        assertEquals(2, status.drift().size());
        assertEquals(Drift.Kind.CHECKSUM_CHANGED, status.drift().get(0).kind());
        assertEquals("001-crews", status.drift().get(0).id());
        assertEquals(Drift.Kind.MISSING_FROM_CHANGELOG, status.drift().get(1).kind());
        assertEquals("002-agents", status.drift().get(1).id());
        assertFalse(status.upToDate());

        CheckReport check = migrations().check(true);
        assertEquals(ExitCode.DRIFT, check.verdict());
        assertTrue(check.reasons().get(0).contains("001-crews"), check.reasons().toString());
        DriftException refused = assertThrows(DriftException.class, () -> migrations().migrate(MigrationListener.NONE));
        assertEquals(ExitCode.DRIFT, refused.exitCode());
    }

    @Test
    void historyListsAppliedChangeSetsInOrder() {
        threeTables();
        assertEquals(List.of(), migrations().history());
        migrations().migrate(MigrationListener.NONE);
        List<AppliedChangeSet> history = migrations().history();
        assertEquals(List.of("001-crews", "002-agents", "003-tasks"), history.stream().map(AppliedChangeSet::id).toList());
        assertEquals(List.of(1, 2, 3), history.stream().map(AppliedChangeSet::orderExecuted).toList());
        assertNotNull(history.get(0).deploymentId());
        assertNotNull(history.get(0).executedAt());
        assertEquals("EXECUTED", history.get(0).execType());
    }

    @Test
    void historyReadsWhenEachChangeSetRanAsJdbcTimestampsDoWithOrWithoutATimeZone() throws SQLException {
        threeTables();
        migrations().migrate(MigrationListener.NONE);
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("update databasechangelog set dateexecuted = '2026-03-29 02:30:00.123456' where id = '001-crews'");
            assertEquals(timestamps(statement), migrations().history().stream().map(AppliedChangeSet::executedAt).toList());

            statement.execute("alter table databasechangelog alter column dateexecuted type timestamptz");
            assertEquals(timestamps(statement), migrations().history().stream().map(AppliedChangeSet::executedAt).toList());
        }
    }

    private static List<java.time.Instant> timestamps(Statement statement) throws SQLException {
        List<java.time.Instant> executed = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(
                "select dateexecuted from databasechangelog order by orderexecuted, dateexecuted")) {
            while (rows.next()) {
                executed.add(rows.getTimestamp(1).toInstant());
            }
        }
        assertEquals(3, executed.size());
        return executed;
    }

    @Test
    void aTrackingTableTheDatabaseRefusesToReadIsNotReportedAsALostConnection() throws SQLException {
        threeTables();
        migrations().migrate(MigrationListener.NONE);
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("alter table databasechangelog rename column md5sum to checksum_by_hand");
        }

        DatabaseUnreachableException error = assertThrows(DatabaseUnreachableException.class, migrations()::status);

        assertTrue(error.getMessage().startsWith("Could not read the migration state from "), error.getMessage());
        assertTrue(error.getMessage().contains("md5sum") && error.getMessage().contains("SQLSTATE 42703"),
                error.getMessage());
        assertFalse(error.getMessage().contains(PostgresFixture.PASSWORD + "@"), error.getMessage());
        assertEquals(ExitCode.DATABASE_UNREACHABLE, error.exitCode());
    }

    @Test
    void anUnreachableDatabaseIsExitThreeWithoutThePassword() {
        threeTables();
        url = DatabaseUrl.parse("postgresql://app:Unreachable-S3cret@127.0.0.1:1/orders");
        Migrations unreachable = new Migrations(SettingsResolver.resolve(List.of(SettingsLayer.fromEnvironment(
                Source.ENVIRONMENT, Map.of("DATABASE_URL", "postgresql://app:Unreachable-S3cret@127.0.0.1:1/orders",
                        "MIGRATION_SEARCH_PATH", resources.toString(), "DATABASE_CONNECT_TIMEOUT", "1s"))),
                resources), null);
        DatabaseUnreachableException error = assertThrows(DatabaseUnreachableException.class, unreachable::status);
        assertEquals(ExitCode.DATABASE_UNREACHABLE, error.exitCode());
        assertFalse(error.getMessage().contains("Unreachable-S3cret"), error.getMessage());
        assertTrue(error.getMessage().contains("postgresql://app:***@127.0.0.1:1/orders"), error.getMessage());
        CheckReport check = unreachable.check(false);
        assertEquals(ExitCode.DATABASE_UNREACHABLE, check.verdict());
        assertFalse(check.toJson().contains("Unreachable-S3cret"));
    }

    @Test
    void aWrongPasswordFailsAtOnceAndIsNotShown() {
        threeTables();
        Migrations wrong = migrations(Map.of("DATABASE_PASSWORD", "Wrong-Pa55word", "DATABASE_CONNECT_TIMEOUT", "20s"));
        List<MigrationEvent> events = new ArrayList<>();
        DatabaseUnreachableException error = assertThrows(DatabaseUnreachableException.class,
                () -> wrong.migrate(events::add));
        assertFalse(error.getMessage().contains("Wrong-Pa55word"), error.getMessage());
        assertTrue(error.getMessage().contains("password authentication failed"), error.getMessage());
        // not retried within the 20 s window: a wrong password does not get better by waiting
        assertEquals(List.of(), events.stream().filter(e -> e instanceof MigrationEvent.ConnectionRetry).toList());
    }

    @Test
    void aMissingChangelogNamesTheSettingAndWhereItLooked() {
        SettingsException error = assertThrows(SettingsException.class, () -> migrations().status());
        assertEquals(Setting.MIGRATION_CHANGELOG, error.setting());
        assertTrue(error.getMessage().contains("not found in " + resources), error.getMessage());
    }

    @Test
    void duplicateChangeSetIdsAreRejected() {
        changeLog.sqlChangeSet("001-crews", "ana", "create table crews (id int)");
        changeLog.write("db/changelog/changes/dup.yaml", "databaseChangeLog:\n"
                + "  - changeSet:\n      id: x\n      author: a\n      changes:\n        - sql:\n            sql: select 1\n"
                + "  - changeSet:\n      id: x\n      author: a\n      changes:\n        - sql:\n            sql: select 2\n");
        changeLog.write(ChangeLogFolder.MASTER, "databaseChangeLog:\n  - include:\n      file: changes/dup.yaml\n"
                + "      relativeToChangelogFile: true\n");
        SettingsException error = assertThrows(SettingsException.class, () -> migrations().status());
        assertEquals(Setting.MIGRATION_CHANGELOG, error.setting());
        assertTrue(error.getMessage().contains("x::a"), error.getMessage());
    }

    @Test
    void aChangelogThatIsNotAChangelogIsRejected() {
        changeLog.write(ChangeLogFolder.MASTER, "this: [is not: a changelog");
        SettingsException error = assertThrows(SettingsException.class, () -> migrations().status());
        assertEquals(Setting.MIGRATION_CHANGELOG, error.setting());
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select table_name from information_schema.tables where table_schema = 'public' order by 1")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private int advisoryAndTableLocksHeldByOthers() throws SQLException {
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select count(*) from pg_locks where pid <> pg_backend_pid() and locktype in ('advisory','relation')")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
