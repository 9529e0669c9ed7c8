package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.testing.HttpAnswer;
import dev.automigrate.core.testing.PostgresFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} checked by promtool, and its values after a migration, a failure and an outage. */
class MetricsEndpointTest {
    private static final String CREWS = "create table crews (id bigint primary key)";
    private static final String AGENTS = "create table agents (id bigint primary key)";
    private static final String BROKEN = "create table broken (id no_such_type)";

    @TempDir
    Path folder;

    @Test
    void afterAMigration() {
        TestChangeLogs.write(folder, CREWS, AGENTS);
        try (RunningService service = RunningService.start(RunningService.settings(folder, database(), true, true))) {
            service.migrate(Outcome.APPLIED);
            HttpAnswer answer = service.get("/metrics");
            ScrapedMetrics metrics = ScrapedMetrics.of(answer);

            assertEquals(1, metrics.runs("APPLIED"));
            assertEquals(0, metrics.runs("UP_TO_DATE"));
            assertEquals(0, metrics.runs("CHECKED"));
            assertEquals(0, metrics.runs("FAILED"));
            assertEquals(2, metrics.value("automigrate_changesets_applied_total"));
            assertEquals(0, metrics.value("automigrate_changesets_failed_total"));
            assertEquals(0, metrics.value("automigrate_changesets_pending"));
            assertEquals(0, metrics.value("automigrate_changesets_drifted"));
            assertEquals(1, metrics.value("automigrate_database_up"));
            assertTrue(metrics.value("automigrate_database_probe_latency_seconds") >= 0, metrics::text);
            assertEquals(0, metrics.value("automigrate_startup_migration_running"));
            assertTrue(metrics.value("automigrate_startup_migration_duration_seconds") > 0, metrics::text);
            assertTrue(metrics.value("automigrate_migration_lock_wait_seconds") >= 0, metrics::text);
            assertTrue(metrics.text().contains("# TYPE automigrate_startup_migrations_total counter\n"), metrics::text);
        }
    }

    @Test
    void anUpToDateStartCountsNoChangeSet() {
        TestChangeLogs.write(folder, CREWS);
        String url = database();
        try (RunningService first = RunningService.start(RunningService.settings(folder, url, true, true))) {
            first.migrate();
        }
        try (RunningService service = RunningService.start(RunningService.settings(folder, url, true, true))) {
            service.migrate(Outcome.UP_TO_DATE);
            ScrapedMetrics metrics = ScrapedMetrics.of(service.get("/metrics"));
            assertEquals(1, metrics.runs("UP_TO_DATE"));
            assertEquals(0, metrics.runs("APPLIED"));
            assertEquals(0, metrics.value("automigrate_changesets_applied_total"));
            assertEquals(0, metrics.value("automigrate_changesets_pending"));
        }
    }

    @Test
    void afterAFailedChangeSet() {
        TestChangeLogs.write(folder, CREWS, BROKEN);
        // permissive: the service starts after the failure and keeps answering
        try (RunningService service = RunningService.start(RunningService.settings(folder, database(), true, false))) {
            service.migrate(Outcome.FAILED);
            ScrapedMetrics metrics = ScrapedMetrics.of(service.get("/metrics"));

            assertEquals(1, metrics.runs("FAILED"));
            assertEquals(0, metrics.runs("APPLIED"));
            assertEquals(1, metrics.value("automigrate_changesets_applied_total"), "the changeset before it stays applied");
            assertEquals(1, metrics.value("automigrate_changesets_failed_total"));
            assertEquals(1, metrics.value("automigrate_changesets_pending"), "the failed one is still pending");
            assertEquals(1, metrics.value("automigrate_database_up"));
        }
    }

    @Test
    void checkOnlyCountsPendingWithoutApplying() {
        TestChangeLogs.write(folder, CREWS, AGENTS);
        try (RunningService service = RunningService.start(RunningService.settings(folder, database(), false, true))) {
            service.migrate(Outcome.CHECKED);
            ScrapedMetrics metrics = ScrapedMetrics.of(service.get("/metrics"));
            assertEquals(1, metrics.runs("CHECKED"));
            assertEquals(0, metrics.value("automigrate_changesets_applied_total"));
            assertEquals(2, metrics.value("automigrate_changesets_pending"));
        }
    }

    @Test
    void duringADatabaseOutage() {
        TestChangeLogs.write(folder, CREWS, AGENTS);
        // a server of this test's own, so stopping it leaves the shared fixture running
        EmbeddedDatabase database = EmbeddedDatabase.start(folder.resolve("pg"));
        try (database;
             RunningService service = RunningService.start(
                     RunningService.settings(folder, database.url().toString(), true, false))) {
            service.migrate(Outcome.APPLIED);
            ScrapedMetrics before = ScrapedMetrics.of(service.get("/metrics"));
            assertEquals(1, before.value("automigrate_database_up"));
            assertEquals(0, before.value("automigrate_changesets_pending"));

            database.close();

            // the shared probe notices within about a second
            HttpAnswer answer = service.await("/metrics", metrics -> metrics.body().contains("\nautomigrate_database_up 0\n"));
            ScrapedMetrics during = ScrapedMetrics.of(answer);
            assertEquals(0, during.value("automigrate_database_up"), during::text);
            assertFalse(during.has("automigrate_database_probe_latency_seconds"), during::text);
            assertFalse(during.has("automigrate_changesets_pending"), "unknown while the database is down: " + during.text());
            assertEquals(1, during.runs("APPLIED"), "the startup's outcome stays counted");
            assertEquals(2, during.value("automigrate_changesets_applied_total"));
        }
    }

    @Test
    void anUnreachableDatabaseAtStartup() {
        TestChangeLogs.write(folder, CREWS);
        try (RunningService service = RunningService.start(RunningService.settings(folder, RunningService.UNREACHABLE,
                true, false, RunningService.GIVE_UP_QUICKLY))) {
            service.migrate(Outcome.FAILED);
            ScrapedMetrics metrics = ScrapedMetrics.of(service.get("/metrics"));
            assertEquals(1, metrics.runs("FAILED"));
            assertEquals(0, metrics.value("automigrate_database_up"));
            assertEquals(0, metrics.value("automigrate_changesets_applied_total"));
            assertFalse(metrics.text().contains("s3cr3t-pw"));
        }
    }

    private static String database() {
        return PostgresFixture.newDatabase().toString().replace("***", "postgres");
    }
}
