package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.startup.Decision;
import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.testing.FilteredChangeLog;
import dev.automigrate.core.testing.HttpAnswer;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each mode x each state the service can find at startup: the startup report's outcome and decision,
 * and what /health, /health/live, /health/ready and /db-status answer afterwards.
 */
class StartupModesTest {
    private static final String CREWS = "create table crews (id bigint primary key)";
    private static final String AGENTS = "create table agents (id bigint primary key)";
    private static final String BROKEN = "create table broken (id no_such_type)";

    @TempDir
    Path folder;

    enum State { UP_TO_DATE, PENDING, FAILING_CHANGESET, UNREACHABLE }

    enum Mode {
        AUTOMATIC(true, true, "automatic"), CHECK_ONLY(false, true, "check-only"), PERMISSIVE(true, false, "permissive");

        final boolean autoMigrate;
        final boolean failOnError;
        final String label;

        Mode(boolean autoMigrate, boolean failOnError, String label) {
            this.autoMigrate = autoMigrate;
            this.failOnError = failOnError;
            this.label = label;
        }
    }

    /**
     * @param exitCode  the exit code when the decision is STOP, else 0
     * @param ready     /health/ready status; /health is 200 exactly when the database is connected
     */
    record Expected(Outcome outcome, Decision.Action action, int exitCode, int ready, boolean connected,
                    boolean upToDate, int applied, int pending) {
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        Expected upToDate = new Expected(Outcome.UP_TO_DATE, Decision.Action.START, 0, 200, true, true, 2, 0);
        Expected applied = new Expected(Outcome.APPLIED, Decision.Action.START, 0, 200, true, true, 2, 0);
        Expected checked = new Expected(Outcome.CHECKED, Decision.Action.START_NOT_READY, 0, 503, true, false, 0, 2);
        for (Mode mode : Mode.values()) {
            cases.add(Arguments.of(mode, State.UP_TO_DATE, upToDate));
        }
        cases.add(Arguments.of(Mode.AUTOMATIC, State.PENDING, applied));
        cases.add(Arguments.of(Mode.CHECK_ONLY, State.PENDING, checked));
        cases.add(Arguments.of(Mode.PERMISSIVE, State.PENDING, applied));

        cases.add(Arguments.of(Mode.AUTOMATIC, State.FAILING_CHANGESET,
                new Expected(Outcome.FAILED, Decision.Action.STOP, 4, 503, true, false, 1, 1)));
        cases.add(Arguments.of(Mode.CHECK_ONLY, State.FAILING_CHANGESET, checked));
        cases.add(Arguments.of(Mode.PERMISSIVE, State.FAILING_CHANGESET,
                new Expected(Outcome.FAILED, Decision.Action.START_NOT_READY, 0, 503, true, false, 1, 1)));

        Expected unreachableStop = new Expected(Outcome.FAILED, Decision.Action.STOP, 3, 503, false, false, 0, 0);
        cases.add(Arguments.of(Mode.AUTOMATIC, State.UNREACHABLE, unreachableStop));
        cases.add(Arguments.of(Mode.CHECK_ONLY, State.UNREACHABLE, unreachableStop));
        cases.add(Arguments.of(Mode.PERMISSIVE, State.UNREACHABLE,
                new Expected(Outcome.FAILED, Decision.Action.START_NOT_READY, 0, 503, false, false, 0, 0)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} mode, {1}")
    @MethodSource("cases")
    void startupAndEndpoints(Mode mode, State state, Expected expected) {
        TestChangeLogs.write(folder, CREWS, state == State.FAILING_CHANGESET ? BROKEN : AGENTS);
        ServiceSettings settings = state == State.UNREACHABLE
                ? RunningService.settings(folder, RunningService.UNREACHABLE, mode.autoMigrate, mode.failOnError,
                        RunningService.GIVE_UP_QUICKLY)
                : RunningService.settings(folder, database(), mode.autoMigrate, mode.failOnError);
        if (state == State.UP_TO_DATE) {
            new Migrations(settings.migration(), null).migrate(MigrationListener.NONE);
        }

        try (RunningService service = RunningService.start(settings)) {
            StartupReport report = service.migrate();
            assertEquals(expected.outcome(), report.outcome(), report::toString);
            assertEquals(expected.action(), report.decision().action(), report::toString);
            assertEquals(expected.exitCode(), report.decision().exitCode().code());
            assertEquals(expected.outcome() == Outcome.FAILED, report.error() != null, report::toString);

            assertEquals(200, service.get("/health/live").status(), "liveness never depends on the database");
            HttpAnswer health = service.get("/health");
            assertEquals(expected.connected() ? 200 : 503, health.status(), "/health: running and the database answers");
            assertTrue(health.body().startsWith(expected.connected() ? "{\"status\":\"UP\"" : "{\"status\":\"DOWN\""),
                    health::toString);
            assertTrue(health.body().contains("{\"name\":\"database\",\"status\":\"" + (expected.connected() ? "UP" : "DOWN")),
                    health::toString);

            HttpAnswer ready = service.get("/health/ready");
            assertEquals(expected.ready(), ready.status(), ready::toString);
            assertTrue(ready.body().contains("\"name\":\"database\"") && ready.body().contains("\"name\":\"migrations\""),
                    ready::toString);
            assertTrue(ready.body().contains("\"status\":\"" + (expected.ready() == 200 ? "UP" : "DOWN") + "\""), ready::toString);

            HttpAnswer status = service.get("/db-status");
            assertEquals(200, status.status(), "/db-status always answers");
            String body = status.body();
            assertTrue(body.contains("\"connected\":" + expected.connected()), body);
            assertTrue(body.contains("\"upToDate\":" + expected.upToDate()), body);
            assertTrue(body.contains("\"applied\":" + expected.applied() + ",\"pending\""), body);
            assertEquals(expected.pending(), count(body, "\"author\":\"test\""), body);
            assertTrue(body.contains("\"mode\":\"" + mode.label + "\""), body);
            assertTrue(body.contains("\"autoMigrateOnStartup\":" + mode.autoMigrate), body);
            assertTrue(body.contains("\"outcome\":\"" + expected.outcome() + "\""), body);
            assertTrue(body.contains("\"error\":null}}") == (report.error() == null), body);
            assertFalse(body.contains("s3cr3t-pw") || health.body().contains("s3cr3t-pw") || ready.body().contains("s3cr3t-pw"),
                    "no password in responses");
            if (state == State.UNREACHABLE) {
                assertTrue(body.contains("\"url\":\"postgresql://app:***@localhost:1/app\""), body);
            }
        }
    }

    @Test
    void checkOnlyInstanceBecomesReadyOnceASeparateMigrationHasRun() {
        TestChangeLogs.write(folder, CREWS, AGENTS);
        ServiceSettings settings = RunningService.settings(folder, database(), false, true);
        try (RunningService service = RunningService.start(settings)) {
            service.migrate(Outcome.CHECKED);
            assertEquals(503, service.get("/health/ready").status());
            assertEquals(200, service.get("/health").status(), "the database answers; only readiness waits");

            new Migrations(settings.migration(), null).migrate(MigrationListener.NONE);

            // no restart: the shared probe sees the migration within about a second
            service.await("/health/ready", answer -> answer.status() == 200);
            String status = service.get("/db-status").body();
            assertTrue(status.contains("\"upToDate\":true") && status.contains("\"applied\":2,\"pending\":[]"), status);
        }
    }

    @Test
    void portAnswersWhileTheMigrationRunsAndReadinessWaitsForIt() throws Exception {
        String url = database();
        TestChangeLogs.write(folder, "insert into gate values (1)", CREWS);
        ServiceSettings settings = RunningService.settings(folder, url, true, true);
        try (Connection holder = PostgresFixture.connect(settings.migration().databaseUrl());
             Statement statement = holder.createStatement()) {
            statement.execute("create table gate (id int)");
            holder.setAutoCommit(false);
            // the first changeset waits for this lock, so the migration is still running below
            statement.execute("lock table gate in access exclusive mode");
            try (RunningService service = RunningService.start(settings)) {
                var done = service.migration.start();
                assertEquals(200, service.get("/health/live").status());
                HttpAnswer ready = service.get("/health/ready");
                assertEquals(503, ready.status(), ready::toString);
                String status = service.get("/db-status").body();
                assertTrue(status.contains("\"running\":true"), status);
                assertTrue(status.contains("\"outcome\":\"RUNNING\""), status);
                assertFalse(done.isDone());

                holder.commit();
                StartupReport report = done.join();
                assertEquals(Outcome.APPLIED, report.outcome(), report::toString);
                assertEquals(200, service.get("/health/ready").status());
                String after = service.get("/db-status").body();
                assertTrue(after.contains("\"running\":false") && after.contains("\"outcome\":\"APPLIED\""), after);
            }
        }
    }

    @Test
    void aHungDatabaseStillGetsAnAnswer() throws Exception {
        TestChangeLogs.write(folder, CREWS);
        // a bound socket nobody reads from: connections open, then nothing ever answers
        try (ServerSocket hung = new ServerSocket(0)) {
            String url = "postgresql://app:s3cr3t-pw@localhost:" + hung.getLocalPort() + "/app";
            try (RunningService service = RunningService.start(RunningService.settings(folder, url, true, false,
                    RunningService.GIVE_UP_QUICKLY))) {
                StartupReport report = service.migrate();
                assertEquals(Decision.Action.START_NOT_READY, report.decision().action(), report::toString);
                assertEquals(200, service.get("/health/live").status());
                assertEquals(503, service.get("/health").status());
                HttpAnswer status = service.get("/db-status");
                assertEquals(200, status.status());
                assertTrue(status.body().contains("\"connected\":false"), status::toString);
                assertFalse(status.body().contains("\"error\":null,"), "the database error is reported: " + status);
                assertFalse(status.body().contains("s3cr3t-pw"), status::toString);
            }
        }
    }

    @Test
    void aChangeLogThatCannotBeFoundStopsInEveryMode() {
        ServiceSettings settings = RunningService.settings(folder, database(), true, false);
        try (RunningService service = RunningService.start(settings)) {
            StartupReport report = service.migrate();
            assertEquals(Decision.Action.STOP, report.decision().action());
            assertEquals(64, report.decision().exitCode().code());
            assertNotNull(report.error());
            assertTrue(report.error().contains("MIGRATION_CHANGELOG"), report.error());
        }
    }

    @Test
    void aChangeLogThatCannotBeReadStopsWithItsFileAndLineInTheLog() {
        TestChangeLogs.writeUnreadable(folder);
        StartupReport report;
        String log;
        try (CapturedLogs logs = new CapturedLogs();
             RunningService service = RunningService.start(RunningService.settings(folder, database(), true, true))) {
            report = service.migrate();
            log = logs.text();
        }
        assertEquals(Decision.Action.STOP, report.decision().action());
        assertEquals(64, report.decision().exitCode().code());
        assertTrue(report.error().startsWith("MIGRATION_CHANGELOG='test-changelog.yaml': cannot be read: "
                + "changes/004-budget.yaml, line 10, column 46: the unquoted value numeric(12,2) is cut at its comma"),
                report.error());
        assertFalse(report.error().contains("\n"), report.error());
        assertTrue(log.contains("Startup migration failed: " + report.error() + " (exit code 64)"), log);
        assertFalse(log.contains("Exception") || log.contains("\tat "), "no stack trace: " + log);
    }

    @Test
    void startingTwiceIsRefused() {
        TestChangeLogs.write(folder, CREWS);
        try (RunningService service = RunningService.start(RunningService.settings(folder, database(), true, true))) {
            assertNull(service.migration.state().report());
            service.migrate();
            try {
                service.migration.start();
            } catch (IllegalStateException expected) {
                return;
            }
            throw new AssertionError("a second start was accepted");
        }
    }

    @Test
    void automaticStartsApplyWhatTheFilterSelectsAndRunTheRunAlwaysChangeSetEveryTime() throws Exception {
        FilteredChangeLog.write(folder);
        String url = database();
        DatabaseUrl plain = PostgresFixture.newDatabase();
        Map<String, String> environment = new HashMap<>(FilteredChangeLog.PROD_SETTINGS);
        environment.put("DATABASE_URL", url);
        environment.put("MIGRATION_SEARCH_PATH", folder.toString());
        for (int start = 1; start <= 2; start++) {
            try (RunningService service = RunningService.start(ServiceSettings.resolve(environment, folder))) {
                StartupReport report = service.migrate();
                assertEquals(Outcome.APPLIED, report.outcome(), report::toString);
                FilteredChangeLog.prodLiquibase(folder).update(plain);
                assertEquals(PlainLiquibase.rows(plain), PlainLiquibase.rows(DatabaseUrl.parse(url)));
                assertEquals(FilteredChangeLog.data(plain), FilteredChangeLog.data(DatabaseUrl.parse(url)));

                HttpAnswer ready = service.await("/health/ready", answer -> answer.status() == 200);
                assertEquals(200, ready.status(), "a runAlways changeset never makes a start unready");
                String status = service.get("/db-status").body();
                assertTrue(status.contains("\"contexts\":\"prod\",\"labels\":\"!billing\""), status);
                assertTrue(status.contains("\"filteredOut\":3"), status);
                assertTrue(status.contains("\"runsAlways\":[{\"id\":\"6-count-runs\""), status);
            }
        }
    }

    private static String database() {
        return PostgresFixture.newDatabase().toString().replace("***", "postgres");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
