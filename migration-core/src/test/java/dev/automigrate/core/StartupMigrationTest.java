package dev.automigrate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.check.Finding;
import dev.automigrate.core.check.SafetyRule;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.startup.Decision;
import dev.automigrate.core.startup.Mode;
import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.startup.Step;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The five startup steps under each mode, on a real PostgreSQL. */
class StartupMigrationTest {
    @TempDir
    Path resources;
    private ChangeLogFolder changeLog;
    private DatabaseUrl url;

    @BeforeEach
    void freshDatabase() {
        url = PostgresFixture.newDatabase();
        changeLog = new ChangeLogFolder(resources)
                .sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key)");
    }

    private StartupReport start(boolean autoMigrate, boolean failOnError, List<MigrationEvent> events) {
        // time for a loaded CI machine to log in; only the unreachable database is given up on after 1 s
        return start(url, "10s", autoMigrate, failOnError, events);
    }

    private StartupReport start(DatabaseUrl databaseUrl, String connectTimeout, boolean autoMigrate,
                                boolean failOnError, List<MigrationEvent> events) {
        Settings settings = TestMigrations.settings(databaseUrl, resources, Map.of("DATABASE_CONNECT_TIMEOUT", connectTimeout,
                "AUTO_MIGRATE_ON_STARTUP", String.valueOf(autoMigrate),
                "FAIL_ON_MIGRATION_ERROR", String.valueOf(failOnError)));
        return new StartupMigration(new Migrations(settings, null)).run(events::add);
    }

    @Test
    void automaticModeAppliesAndVerifiesInFiveSteps() {
        List<MigrationEvent> events = new ArrayList<>();
        StartupReport report = start(true, true, events);
        assertEquals(Outcome.APPLIED, report.outcome());
        assertEquals(Decision.start(), report.decision());
        assertEquals(Mode.AUTOMATIC, report.mode());
        assertEquals(2, report.applied().size());
        assertTrue(report.schemaUpToDate());
        assertNull(report.error());
        List<Step> finished = events.stream().filter(e -> e instanceof MigrationEvent.StepFinished)
                .map(e -> ((MigrationEvent.StepFinished) e).step()).toList();
        assertEquals(List.of(Step.values()), finished);

        StartupReport second = start(true, true, new ArrayList<>());
        assertEquals(Outcome.UP_TO_DATE, second.outcome());
        assertEquals(0, second.applied().size());
    }

    @Test
    void checkOnlyModeReportsPendingAndAppliesNothing() {
        List<MigrationEvent> events = new ArrayList<>();
        StartupReport report = start(false, true, events);
        assertEquals(Outcome.CHECKED, report.outcome());
        assertEquals(Decision.startNotReady(), report.decision());
        assertEquals(Mode.CHECK_ONLY, report.mode());
        assertEquals(2, report.status().pending().size());
        assertFalse(report.status().trackingInitialised());
        assertEquals(2, events.stream().filter(e -> e instanceof MigrationEvent.PendingFound).count());
        assertFalse(report.schemaUpToDate());
    }

    @Test
    void checkOnlyModeWarnsAboutUnsafePendingChanges() {
        start(true, true, new ArrayList<>());
        changeLog.sqlChangeSet("003-drop-agents", "bo", "drop table agents");
        List<MigrationEvent> events = new ArrayList<>();
        StartupReport report = start(false, true, events);
        assertEquals(Outcome.CHECKED, report.outcome());
        List<Finding> findings = events.stream().filter(e -> e instanceof MigrationEvent.UnsafeChangeFound)
                .map(e -> ((MigrationEvent.UnsafeChangeFound) e).finding()).toList();
        assertEquals(1, findings.size());
        assertEquals(SafetyRule.DROP_TABLE, findings.get(0).rule());
        assertTrue(ReportText.event(new MigrationEvent.UnsafeChangeFound(findings.get(0)))
                .contains("003-drop-agents::bo: ERROR drop-table"));
    }

    @Test
    void aFailureStopsAutomaticModeAndNotPermissiveMode() {
        changeLog.sqlChangeSet("003-broken", "bo", "alter table no_such_table add column x int");
        StartupReport automatic = start(true, true, new ArrayList<>());
        assertEquals(Outcome.FAILED, automatic.outcome());
        assertEquals(Decision.stop(ExitCode.MIGRATION_FAILED), automatic.decision());
        assertTrue(automatic.error().contains("003-broken"), automatic.error());
        assertEquals(2, automatic.status().appliedCount());

        StartupReport permissive = start(true, false, new ArrayList<>());
        assertEquals(Outcome.FAILED, permissive.outcome());
        assertEquals(Decision.startNotReady(), permissive.decision());
        assertEquals(ExitCode.MIGRATION_FAILED, permissive.failure());
        assertFalse(permissive.schemaUpToDate());
    }

    @Test
    void anUnreachableDatabaseStopsOrStartsNotReady() {
        DatabaseUrl down = DatabaseUrl.parse("postgresql://app:pw@127.0.0.1:1/orders");
        StartupReport automatic = start(down, "1s", true, true, new ArrayList<>());
        assertEquals(Decision.stop(ExitCode.DATABASE_UNREACHABLE), automatic.decision());
        assertNull(automatic.connection());
        assertNotNull(automatic.error());
        StartupReport permissive = start(down, "1s", true, false, new ArrayList<>());
        assertEquals(Decision.startNotReady(), permissive.decision());
        assertEquals(ExitCode.DATABASE_UNREACHABLE, permissive.failure());
    }

    @Test
    void driftStopsBeforeApplyingAnything() {
        start(true, true, new ArrayList<>());
        changeLog.editChangeSet("001-crews", "001-crews", "ana", "create table crews (id int primary key)")
                .sqlChangeSet("003-tasks", "bo", "create table tasks (id int)");
        StartupReport report = start(true, true, new ArrayList<>());
        assertEquals(Decision.stop(ExitCode.DRIFT), report.decision());
        assertEquals(ExitCode.DRIFT, report.failure());
        assertEquals(2, report.status().appliedCount());
    }
}
