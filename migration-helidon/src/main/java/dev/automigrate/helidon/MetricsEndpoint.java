package dev.automigrate.helidon;

import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.status.DatabaseStatus;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} in the Prometheus text format: the startup migration from {@link MigrationMetrics}
 * and {@link StartupState}, the database and its pending changesets from the shared probe, so a scrape
 * costs at most one probe and never parses the changelog.
 */
public final class MetricsEndpoint implements HttpService {
    private final MigrationMetrics metrics;
    private final Supplier<StartupState> startup;
    private final Supplier<DatabaseSnapshot> probe;

    public MetricsEndpoint(MigrationMetrics metrics, Supplier<StartupState> startup, Supplier<DatabaseSnapshot> probe) {
        this.metrics = metrics;
        this.startup = startup;
        this.probe = probe;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::metrics);
    }

    private void metrics(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
        response.send(exposition(startup.get(), probe.get()));
    }

    String exposition(StartupState state, DatabaseSnapshot snapshot) {
        PrometheusText text = new PrometheusText();
        text.family("automigrate_startup_migration_running", "gauge",
                        "1 while the startup migration runs, else 0.")
                .sample("automigrate_startup_migration_running", state.running() ? 1 : 0);
        text.family("automigrate_startup_migration_duration_seconds", "gauge",
                        "How long the startup migration took (so far, while it runs).")
                .sample("automigrate_startup_migration_duration_seconds", seconds(state.elapsed()));
        text.family("automigrate_startup_migrations_total", "counter",
                "Startup migrations finished, by outcome (APPLIED, UP_TO_DATE, CHECKED, FAILED).");
        for (Outcome outcome : MigrationMetrics.RUN_OUTCOMES) {
            text.sample("automigrate_startup_migrations_total", "outcome", outcome.name(), metrics.runs(outcome));
        }
        text.family("automigrate_changesets_applied_total", "counter", "Changesets this process has applied.")
                .sample("automigrate_changesets_applied_total", metrics.changeSetsApplied());
        text.family("automigrate_changesets_failed_total", "counter", "Changesets that failed in this process.")
                .sample("automigrate_changesets_failed_total", metrics.changeSetsFailed());
        text.family("automigrate_migration_lock_wait_seconds", "gauge",
                        "How long the startup migration waited for another instance's migration lock.")
                .sample("automigrate_migration_lock_wait_seconds", seconds(metrics.lockWait()));
        text.family("automigrate_lock_timeout_retries_total", "counter",
                        "Changeset attempts that gave up waiting for a table lock (lock_timeout) and were tried again.")
                .sample("automigrate_lock_timeout_retries_total", metrics.lockTimeoutRetries());

        // no sample rather than a made-up one: unknown while the database is down or the migration runs
        DatabaseStatus status = snapshot.status();
        text.family("automigrate_changesets_pending", "gauge",
                "Changesets of the changelog not yet applied to the database (absent while unknown).");
        if (status != null) {
            text.sample("automigrate_changesets_pending", status.pending().size());
        }
        text.family("automigrate_changesets_drifted", "gauge",
                "Applied changesets that changed or are missing from the changelog (absent while unknown).");
        if (status != null) {
            text.sample("automigrate_changesets_drifted", status.drift().size());
        }
        text.family("automigrate_database_up", "gauge", "1 when the database answered the last probe, else 0.")
                .sample("automigrate_database_up", snapshot.connected() ? 1 : 0);
        text.family("automigrate_database_probe_latency_seconds", "gauge",
                "How long the database took to answer the last probe (absent while it does not answer).");
        if (snapshot.latencyMs() != null) {
            text.sample("automigrate_database_probe_latency_seconds", snapshot.latencyMs() / 1000.0);
        }
        return text.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
