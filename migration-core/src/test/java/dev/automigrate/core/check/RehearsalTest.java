package dev.automigrate.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.check.RehearsedChangeSet.Outcome;
import dev.automigrate.core.database.MigrationLock;
import dev.automigrate.core.liquibase.HeldMigrationLock;
import dev.automigrate.core.liquibase.LiquibaseChangeLogReader;
import dev.automigrate.core.liquibase.LiquibaseMigrator;
import dev.automigrate.core.liquibase.LiquibaseRehearsal;
import dev.automigrate.core.liquibase.LiquibaseSqlPlanner;
import dev.automigrate.core.liquibase.ParsedChangeLog;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.DatabaseState;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check --rehearse on a real PostgreSQL with data: each case compares everything the database holds (schema, rows,
 * tracking tables, sequences) before and after, and finds the migration lock free afterwards. Plain Liquibase, updating
 * and rolling back a copy for real, is the oracle for what the rehearsal reports.
 */
class RehearsalTest {
    @TempDir
    Path resources;
    private DatabaseUrl url;
    private ChangeLogFolder changeLog;

    @BeforeEach
    void databaseWithData() throws SQLException {
        url = newDatabaseWithCrews();
        changeLog = new ChangeLogFolder(resources);
    }

    @Test
    void goodChangeSetsPassAndLeaveNoTraceNotEvenTheTrackingTables() throws SQLException {
        changeLog.yamlFile("001-agents", changeSet("001-agents", """
                      changes:
                        - createTable:
                            tableName: agents
                            columns:
                              - column: {name: id, type: bigint, constraints: {primaryKey: true}}
                              - column: {name: crew_id, type: bigint}
                """));
        changeLog.yamlFile("002-budget", changeSet("002-budget", """
                      changes:
                        - sql:
                            sql: alter table crews add column budget numeric default 0 not null; update crews set budget = 10 where id = 1
                      rollback:
                        - sql:
                            sql: alter table crews drop column budget
                """));
        String before = DatabaseState.of(url);
        List<MigrationEvent> events = new ArrayList<>();

        CheckReport report = migrations().check(false, true, events::add);

        assertEquals(ExitCode.SUCCESS, report.verdict(), String.join("\n", ReportText.check(report)));
        assertEquals(List.of(Outcome.OK, Outcome.OK), outcomes(report));
        RehearsedChangeSet budget = report.rehearsal().changeSets().get(1);
        assertEquals("AccessExclusiveLock on public.crews",
                budget.strongestLockOnExisting().map(TableLock::describe).orElse(null), budget.locks().toString());
        assertFalse(report.rehearsal().changeSets().get(0).strongestLockOnExisting().isPresent(),
                "creating a table locks only what it creates: " + report.rehearsal().changeSets().get(0).locks());
        assertEquals(before, DatabaseState.of(url), "the database is exactly as it was");
        assertFalse(DatabaseState.of(url).contains("databasechangelog"), "no tracking table was created");
        assertLockFree();

        String text = String.join("\n", ReportText.check(report));
        assertTrue(text.contains("pending (rehearsed): db/changelog/changes/001-agents.yaml::001-agents::bo"), text);
        assertTrue(text.contains("  002-budget (bo): ok, ") && text.contains(" ms, AccessExclusiveLock on public.crews"),
                text);
        assertEquals(2, events.stream().filter(MigrationEvent.ChangeSetRehearsed.class::isInstance).count());
        assertTrue(report.toJson().contains("\"rehearsal\":{\"ran\":true,"), report.toJson());
        assertTrue(report.toJson().contains("\"outcome\":\"ok\""), report.toJson());
    }

    @Test
    void onAMigratedDatabaseTheTrackingRowsAndTheFingerprintStayAsTheyWere() throws SQLException {
        changeLog.sqlChangeSet("001-index", "bo", "create index idx_crews_legacy on crews (legacy)");
        migrations().migrate(MigrationListener.NONE);
        changeLog.yamlFile("002-label", changeSet("002-label", """
                      changes:
                        - addColumn:
                            tableName: crews
                            columns:
                              - column: {name: label, type: text}
                """));
        String before = DatabaseState.of(url);
        assertTrue(before.contains("rows of public.databasechangelog: ") && before.contains("automigrate_fingerprint"),
                before);

        CheckReport report = migrations().check(false, true, MigrationListener.NONE);

        assertTrue(report.passed(), String.join("\n", ReportText.check(report)));
        assertEquals(List.of(Outcome.OK), outcomes(report));
        assertEquals(before, DatabaseState.of(url));
        assertLockFree();
    }

    @Test
    void aChangeSetThatFailsOnlyOnTheDataIsCaughtWhileThePlanPasses() throws SQLException {
        changeLog.sqlChangeSet("001-unique-name", "bo", "create unique index idx_crews_name on crews (name)");
        changeLog.yamlFile("002-label", changeSet("002-label", """
                      changes:
                        - addColumn:
                            tableName: crews
                            columns:
                              - column: {name: label, type: text}
                """));
        String before = DatabaseState.of(url);
        assertTrue(migrations().check(true).passed(), "reading the SQL finds nothing wrong with it");

        CheckReport report = migrations().check(false, true, MigrationListener.NONE);

        assertEquals(ExitCode.PENDING, report.verdict());
        assertEquals(List.of(Outcome.FAILED, Outcome.OK), outcomes(report), "the rehearsal goes on after a failure");
        StatementFailure failure = report.rehearsal().changeSets().get(0).failure();
        assertEquals("23505", failure.sqlState());
        assertTrue(failure.message().contains("could not create unique index \"idx_crews_name\""), failure.message());
        assertTrue(failure.statement().contains("create unique index idx_crews_name on crews (name)"), failure.statement());
        Finding finding = blocking(report).get(0);
        assertEquals("rehearsal-failed", finding.rule().id());
        String reasons = String.join("\n", report.reasons());
        assertTrue(reasons.contains("db/changelog/changes/001-unique-name.yaml::001-unique-name::bo: ERROR rehearsal-failed")
                && reasons.contains("[SQLSTATE 23505] in: create unique index idx_crews_name on crews (name)"), reasons);
        assertTrue(report.toJson().contains("\"outcome\":\"failed\"") && report.toJson().contains("\"sqlState\":\"23505\""),
                report.toJson());
        assertEquals(before, DatabaseState.of(url));
        assertLockFree();
    }

    @Test
    void aRollbackThatFailsAndOneThatLeavesTheSchemaDifferentAreErrors() throws SQLException {
        changeLog.yamlFile("001-archive", changeSet("001-archive", """
                      changes:
                        - sql:
                            sql: create table crews_archive (id bigint primary key)
                      rollback:
                        - sql:
                            sql: drop table crew_archive
                """));
        changeLog.yamlFile("002-budget", changeSet("002-budget", """
                      changes:
                        - sql:
                            sql: alter table crews add column budget numeric; create index idx_crews_budget on crews (budget)
                      rollback:
                        - sql:
                            sql: drop index idx_crews_budget
                """));
        // needs 002's column: the rehearsal runs 002 again after its rollback, so this one sees it
        changeLog.yamlFile("003-budget-index", changeSet("003-budget-index", """
                      changes:
                        - createIndex:
                            tableName: crews
                            indexName: idx_crews_name_budget
                            columns:
                              - column: {name: name}
                              - column: {name: budget}
                """));
        String before = DatabaseState.of(url);
        assertTrue(migrations().check(true).passed(), "reading the SQL finds nothing wrong with it");

        CheckReport report = migrations().check(false, true, MigrationListener.NONE);

        assertEquals(List.of(Outcome.ROLLBACK_FAILS, Outcome.ROLLBACK_INCOMPLETE, Outcome.OK), outcomes(report));
        RehearsedChangeSet archive = report.rehearsal().changeSets().get(0);
        assertEquals("42P01", archive.failure().sqlState());
        assertEquals("drop table crew_archive", archive.failure().statement());
        RehearsedChangeSet budget = report.rehearsal().changeSets().get(1);
        assertEquals(List.of("left over: column public.crews.budget numeric"), budget.differences());
        assertEquals(List.of("rollback-fails", "rollback-incomplete"),
                blocking(report).stream().map(f -> f.rule().id()).toList());
        assertEquals(ExitCode.PENDING, report.verdict());
        assertEquals(before, DatabaseState.of(url));
        assertLockFree();
    }

    @Test
    void theVerdictsAreWhatPlainLiquibaseFindsByUpdatingAndRollingBackACopyForReal() throws Exception {
        changeLog.yamlFile("001-budget", changeSet("001-budget", """
                      changes:
                        - sql:
                            sql: alter table crews add column budget numeric; create index idx_crews_budget on crews (budget)
                      rollback:
                        - sql:
                            sql: drop index idx_crews_budget
                """));
        changeLog.sqlChangeSet("002-unique-name", "bo", "create unique index idx_crews_name on crews (name)");
        CheckReport report = migrations().check(false, true, MigrationListener.NONE);

        assertEquals(List.of(Outcome.ROLLBACK_INCOMPLETE, Outcome.FAILED), outcomes(report));
        try (Connection connection = PostgresFixture.connect(newDatabaseWithCrews())) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            SchemaSnapshot before = SchemaSnapshot.read(connection);
            plainLiquibase(new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, ChangeLogFolder.MASTER)
                    .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, 1));
            plainLiquibase(new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, ChangeLogFolder.MASTER)
                    .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, 1));
            List<String> leftByLiquibase = before.differencesIn(SchemaSnapshot.read(connection)).stream()
                    .filter(difference -> !difference.contains("databasechangelog")).toList();
            assertEquals(leftByLiquibase, report.rehearsal().changeSets().get(0).differences());
        }
        try (Connection connection = PostgresFixture.connect(newDatabaseWithCrews())) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Exception failure = assertThrows(Exception.class, () -> plainLiquibase(
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, ChangeLogFolder.MASTER)));
            assertEquals(report.rehearsal().changeSets().get(1).failure().sqlState(), sqlState(failure));
        }
    }

    /** A new database holding a crews table with rows (two of them with the same name, two with a null legacy). */
    private static DatabaseUrl newDatabaseWithCrews() throws SQLException {
        DatabaseUrl copy = PostgresFixture.newDatabase();
        execute(copy, "create table crews (id bigint primary key, name text, legacy text)",
                "insert into crews values (1, 'blue', null), (2, 'red', 'x'), (3, 'red', null)");
        return copy;
    }

    private void plainLiquibase(CommandScope command) throws Exception {
        Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(resources), () -> {
            command.setOutput(OutputStream.nullOutputStream()).execute();
        });
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @Test
    void aChangeSetWithoutRollbackIsAWarning() throws SQLException {
        changeLog.sqlChangeSet("001-backfill", "bo", "update crews set legacy = 'none' where legacy is null");
        String before = DatabaseState.of(url);

        CheckReport report = migrations().check(false, true, MigrationListener.NONE);

        assertTrue(report.passed(), String.join("\n", ReportText.check(report)));
        assertEquals(List.of(Outcome.NO_ROLLBACK), outcomes(report));
        Finding finding = report.findings().get(0);
        assertEquals("no-rollback", finding.rule().id());
        assertEquals(SafetyRule.Severity.WARNING, finding.rule().severity());
        assertEquals("it has no rollback block, and its sql change cannot be undone automatically", finding.detail());
        assertEquals(before, DatabaseState.of(url), "the update was rolled back with the rest");
    }

    @Test
    void aChangeSetOutsideTransactionsIsNotRehearsedAndTheOnesAfterItStillAre() throws SQLException {
        changeLog.changeSet("001-index", "001-index", "bo", "create index concurrently idx_crews_legacy on crews (legacy)",
                false);
        changeLog.sqlChangeSet("002-rename-index", "bo", "alter index idx_crews_legacy rename to idx_crews_by_legacy");
        changeLog.yamlFile("003-label", changeSet("003-label", """
                      changes:
                        - addColumn:
                            tableName: crews
                            columns:
                              - column: {name: label, type: text}
                """));
        String before = DatabaseState.of(url);

        CheckReport report = migrations().check(false, true, MigrationListener.NONE);

        assertEquals(List.of(Outcome.NOT_REHEARSED, Outcome.NOT_REHEARSED, Outcome.OK), outcomes(report));
        RehearsedChangeSet dependent = report.rehearsal().changeSets().get(1);
        assertEquals("may depend on 001-index, which was not rehearsed", dependent.detail());
        assertEquals("42P01", dependent.failure().sqlState());
        assertTrue(report.passed(), "not rehearsed is a warning: " + report.reasons());
        assertEquals(List.of("not-rehearsed", "not-rehearsed"), report.rehearsal().findings().stream()
                .map(f -> f.rule().id()).toList());
        assertEquals(before, DatabaseState.of(url));
    }

    @Test
    void aChangeSetThatRunsAProgramIsNotRehearsedForNothingCouldUndoIt() {
        Path marker = resources.resolve("the-program-ran");
        changeLog.yamlFile("001-touch", changeSet("001-touch", """
                      changes:
                        - executeCommand:
                            executable: touch
                            args:
                              - arg: {value: "%s"}
                """.formatted(marker)));

        CheckReport report = migrations().check(false, true, MigrationListener.NONE);

        assertEquals(List.of(Outcome.NOT_REHEARSED), outcomes(report));
        assertEquals("its executeCommand change acts outside the database's transaction, where the rehearsal could not"
                + " undo it", report.rehearsal().changeSets().get(0).detail());
        assertFalse(java.nio.file.Files.exists(marker), "the rehearsal ran the program");
    }

    @Test
    void aRehearsalFindingIsAcceptedLikeAnyRule() throws SQLException {
        changeLog.yamlFile("001-unique-name", changeSet("001-unique-name", """
                      comment: "automigrate:allow rehearsal-failed the duplicates are merged by the release job first"
                      changes:
                        - sql:
                            sql: create unique index idx_crews_name on crews (name)
                """));

        CheckReport report = migrations().check(false, true, MigrationListener.NONE);

        assertTrue(report.passed(), String.join("\n", ReportText.check(report)));
        Finding finding = report.findings().stream().filter(f -> f.rule() == SafetyRule.REHEARSAL_FAILED).findFirst()
                .orElseThrow();
        assertEquals("the duplicates are merged by the release job first", finding.acceptance());
    }

    @Test
    void nothingPendingSaysSoAndPasses() throws SQLException {
        changeLog.sqlChangeSet("001-index", "bo", "create index idx_crews_legacy on crews (legacy)");
        migrations().migrate(MigrationListener.NONE);

        CheckReport report = migrations().check(false, true, MigrationListener.NONE);

        assertTrue(report.passed());
        assertFalse(report.rehearsal().ran());
        assertTrue(ReportText.check(report).contains("Rehearsal: nothing pending, nothing to rehearse."),
                ReportText.check(report).toString());
    }

    @Test
    void aRehearsalLongerThanItsLimitIsStoppedByTheServerAndLeavesNothing() throws SQLException {
        changeLog.sqlChangeSet("001-label", "bo", "alter table crews add column label text");
        changeLog.sqlChangeSet("002-slow", "bo", "select pg_sleep(30)");
        changeLog.sqlChangeSet("003-tag", "bo", "alter table crews add column tag text");
        String before = DatabaseState.of(url);

        CheckReport report = TestMigrations.of(url, resources, Map.of("MIGRATION_REHEARSAL_TIMEOUT", "2s"))
                .check(false, true, MigrationListener.NONE);

        assertStoppedByTheLimit(report);
        assertEquals(before, DatabaseState.of(url));
        assertLockFree();
    }

    @Test
    void withoutTheServersLimitAWatchdogStopsTheRehearsal() throws Exception {
        changeLog.sqlChangeSet("001-label", "bo", "alter table crews add column label text");
        changeLog.sqlChangeSet("002-slow", "bo", "select pg_sleep(30)");
        String before = DatabaseState.of(url);
        ChangeLogLocation location = migrations().location();

        RehearsalReport rehearsal;
        try (Connection connection = PostgresFixture.connect(url)) {
            ParsedChangeLog parsed = LiquibaseChangeLogReader.parse(location, connection);
            List<PendingChangeSet> pending = Migrations.readStatus(connection, parsed.changeLog()).pending();
            try (HeldMigrationLock lock = new LiquibaseMigrator(location, Duration.ofSeconds(10))
                    .lock(parsed, MigrationListener.NONE)) {
                rehearsal = new Rehearsal(Duration.ofSeconds(2), Duration.ofSeconds(10),
                        RehearsalDeadline.Enforcement.WATCHDOG).run(connection,
                        LiquibaseRehearsal.changeSets(lock, LiquibaseSqlPlanner.plan(location, parsed, pending)),
                        MigrationListener.NONE);
            }
        }

        assertNotNull(rehearsal.stopped());
        assertTrue(rehearsal.changeSets().stream().anyMatch(c -> c.outcome() == Outcome.FAILED
                && c.failure().message().contains("MIGRATION_REHEARSAL_TIMEOUT")), rehearsal.changeSets().toString());
        assertEquals(before, DatabaseState.of(url));
        assertLockFree();
    }

    private static void assertStoppedByTheLimit(CheckReport report) {
        RehearsalReport rehearsal = report.rehearsal();
        assertNotNull(rehearsal.stopped(), rehearsal.toString());
        assertEquals(ExitCode.PENDING, report.verdict());
        assertTrue(rehearsal.changeSets().stream().anyMatch(c -> c.outcome() == Outcome.FAILED
                && c.failure().message().contains("MIGRATION_REHEARSAL_TIMEOUT")), rehearsal.changeSets().toString());
        assertEquals(Outcome.NOT_REHEARSED, rehearsal.changeSets().get(rehearsal.changeSets().size() - 1).outcome());
        assertNull(rehearsal.notRun());
    }

    private Migrations migrations() {
        return TestMigrations.of(url, resources);
    }

    private static List<Outcome> outcomes(CheckReport report) {
        return report.rehearsal().changeSets().stream().map(RehearsedChangeSet::outcome).toList();
    }

    private static List<Finding> blocking(CheckReport report) {
        return report.findings().stream().filter(Finding::blocking).toList();
    }

    private static String changeSet(String id, String body) {
        return "databaseChangeLog:\n  - changeSet:\n      id: " + id + "\n      author: bo\n" + body;
    }

    private void execute(String... statements) throws SQLException {
        execute(url, statements);
    }

    private static void execute(DatabaseUrl url, String... statements) throws SQLException {
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private void assertLockFree() throws SQLException {
        try (Connection connection = PostgresFixture.connect(url)) {
            assertEquals(Optional.empty(), MigrationLock.forCurrentSchema(connection).holder(connection));
        }
    }
}
