package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.testing.HttpAnswer;
import dev.automigrate.core.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A startup migration whose changeset gives up on a table lock a report holds, and tries again: /db-status names
 * the waiting changeset, its attempt and the report while it waits, and /metrics counts the retries.
 */
class LockTimeoutRetryEndpointsTest {
    /** The blocker holds until the test ends it, so this bounds only a very slow start, not the behaviour. */
    private static final Duration SLOW_START = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void dbStatusShowsTheWaitingChangeSetAndMetricsCountTheRetries() throws Exception {
        DatabaseUrl database = PostgresFixture.newDatabase();
        try (Connection setup = PostgresFixture.connect(database); Statement statement = setup.createStatement()) {
            statement.execute("create table crew (id int primary key)");
        }
        Files.writeString(folder.resolve(TestChangeLogs.NAME), """
                databaseChangeLog:
                  - changeSet:
                      id: crew-notes
                      author: ana
                      changes:
                        - addColumn:
                            tableName: crew
                            columns:
                              - column: {name: notes, type: text}
                """);
        ServiceSettings settings = RunningService.settings(folder, database.toString().replace("***", "postgres"),
                true, true);
        try (Connection report = connectAs(database, "nightly-report");
             RunningService service = RunningService.start(settings)) {
            report.setAutoCommit(false);
            try (Statement statement = report.createStatement(); ResultSet row = statement.executeQuery(
                    "select count(*) from crew")) {
                row.next();
            }
            CompletableFuture<StartupReport> done = service.migration.start();

            String waiting = poll(service, "/db-status", answer -> answer.body().contains("\"waiting\":{")).body();
            assertTrue(waiting.contains("\"outcome\":\"RUNNING\""), waiting);
            assertTrue(waiting.contains("\"waiting\":{\"changeSet\":\"crew-notes\",\"author\":\"ana\",\"changeLog\":\""
                    + TestChangeLogs.NAME + "\",\"attempt\":"), waiting);
            assertTrue(waiting.contains("\"blockedBy\":\"pid "), waiting);
            assertTrue(waiting.contains("nightly-report"), waiting);
            assertTrue(waiting.contains("select count(*) from crew"), waiting);
            String later = poll(service, "/db-status", answer -> !answer.body().contains("\"attempt\":2,")).body();
            assertTrue(later.matches("(?s).*\"attempt\":([3-9]|\\d\\d+),.*"), "the attempt counts up: " + later);
            ScrapedMetrics during = ScrapedMetrics.of(service.get("/metrics"));
            assertTrue(during.value("automigrate_lock_timeout_retries_total") >= 2, during::text);
            assertEquals(1, during.value("automigrate_startup_migration_running"), during::text);

            report.commit();
            StartupReport finished = done.join();

            assertEquals(Outcome.APPLIED, finished.outcome(), finished::toString);
            String after = service.get("/db-status").body();
            assertTrue(after.contains("\"outcome\":\"APPLIED\"") && after.contains("\"waiting\":null"), after);
            ScrapedMetrics metrics = ScrapedMetrics.of(service.get("/metrics"));
            assertTrue(metrics.value("automigrate_lock_timeout_retries_total") >= 2, metrics::text);
            assertEquals(1, metrics.value("automigrate_changesets_applied_total"), metrics::text);
            assertEquals(0, metrics.value("automigrate_changesets_failed_total"), metrics::text);
        }
    }

    private static HttpAnswer poll(RunningService service, String path, Predicate<HttpAnswer> until) throws Exception {
        long deadline = System.nanoTime() + SLOW_START.toNanos();
        HttpAnswer answer = service.get(path);
        while (!until.test(answer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GET " + path + " still answers " + answer);
            }
            Thread.sleep(50);
            answer = service.get(path);
        }
        return answer;
    }

    private static Connection connectAs(DatabaseUrl database, String applicationName) throws Exception {
        Properties properties = database.jdbcProperties();
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }
}
