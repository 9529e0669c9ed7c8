package dev.automigrate.helidon;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationException;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.StartupMigration;
import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.settings.SettingsLayer;
import dev.automigrate.core.settings.SettingsResolver;
import dev.automigrate.core.settings.Source;
import dev.automigrate.core.startup.Decision;
import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.status.DatabaseStatus;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The migration at startup, its health checks and {@code /db-status}, for any Helidon SE application:
 * <pre>
 * MigrationFeature migration = MigrationFeature.fromEnvironment();
 * WebServer.builder().routing(migration::register)…
 * migration.start();
 * </pre>
 * The migration runs on a background thread, so the HTTP port opens without waiting for it and readiness stays
 * DOWN until it has finished.
 */
public final class MigrationFeature implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MigrationFeature.class.getName());

    private final Settings settings;
    private final Migrations migrations;
    private final DatabaseProbe probe;
    private final String maskedUrl;
    private final Object changeLogLock = new Object();
    private final MigrationMetrics metrics = new MigrationMetrics();
    private volatile StartupState state = StartupState.NOT_STARTED;
    private volatile ChangeLog changeLog;
    private volatile String changeLogError;

    private MigrationFeature(Settings settings, ClassLoader classpath, Duration probeBound, Duration probeMaxAge,
                             Duration probeStaleLimit) {
        this.settings = settings;
        this.migrations = new Migrations(settings, classpath);
        this.maskedUrl = migrations.connector().url().masked();
        this.probe = new DatabaseProbe(migrations.connector().url(), this::status, probeBound, probeMaxAge,
                probeStaleLimit);
    }

    /**
     * Settings from the environment ({@code DATABASE_URL}, {@code AUTO_MIGRATE_ON_STARTUP}, …, relative paths against
     * the working directory); the changelog on this application's classpath unless {@code MIGRATION_SEARCH_PATH} is set.
     */
    public static MigrationFeature fromEnvironment() {
        return create(SettingsResolver.resolve(List.of(SettingsLayer.fromEnvironment(Source.ENVIRONMENT, System.getenv())),
                Path.of("").toAbsolutePath()));
    }

    /**
     * The changelog is looked up in the search path of {@code settings}; on this application's classpath too, unless
     * the search path was set.
     */
    public static MigrationFeature create(Settings settings) {
        return create(settings, Thread.currentThread().getContextClassLoader(), DatabaseProbe.DEFAULT_BOUND,
                DatabaseProbe.DEFAULT_MAX_AGE, DatabaseProbe.DEFAULT_STALE_LIMIT);
    }

    /**
     * @param probeBound      the longest a health or status request waits for the database
     * @param probeMaxAge     how long one probe's answer is shared by later requests
     * @param probeStaleLimit how long an older answer is still given at once while a background probe refreshes it
     */
    public static MigrationFeature create(Settings settings, ClassLoader classpath, Duration probeBound,
                                          Duration probeMaxAge, Duration probeStaleLimit) {
        return new MigrationFeature(settings, classpath, probeBound, probeMaxAge, probeStaleLimit);
    }

    /**
     * Runs the startup migration on a background thread. The future completes with its report; when
     * {@code report.shouldStart()} is false the caller stops with {@code report.decision().exitCode()}.
     */
    public synchronized CompletableFuture<StartupReport> start() {
        if (state != StartupState.NOT_STARTED) {
            throw new IllegalStateException("the startup migration has already been started");
        }
        Instant startedAt = Instant.now();
        state = new StartupState(startedAt, null);
        CompletableFuture<StartupReport> done = new CompletableFuture<>();
        Thread.ofPlatform().name("automigrate-startup").daemon(true).start(() -> {
            StartupReport report = run(startedAt);
            metrics.record(report);
            state = new StartupState(startedAt, report);
            log(report);
            probe.invalidate();
            if (report.shouldStart()) {
                // parse the changelog for the probes now, not on the first request
                probe.current();
            }
            done.complete(report);
        });
        return done;
    }

    private StartupReport run(Instant startedAt) {
        LOG.info("Startup migration of " + maskedUrl + " in " + settings.policy().mode().label()
                + " mode (changelog " + settings.changeLog() + ")");
        long start = System.nanoTime();
        try {
            MigrationListener logging = new LoggingListener(settings.policy().mode());
            return new StartupMigration(migrations).run(event -> {
                logging.on(event);
                metrics.on(event);
                followLockTimeoutWaits(event);
            });
        } catch (MigrationException e) {
            // a settings fault (a missing changelog, …) stops the service whatever the mode
            return failed(startedAt, start, e.getMessage(), e.exitCode());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The startup migration failed unexpectedly", e);
            return failed(startedAt, start, e.toString(), ExitCode.MIGRATION_FAILED);
        }
    }

    /** Keeps the changeset that waits to try again after a lock timeout in the state, for /db-status. */
    private void followLockTimeoutWaits(MigrationEvent event) {
        StartupState.LockTimeoutWait waiting = state.waiting();
        if (event instanceof MigrationEvent.LockTimeoutRetry retry) {
            Instant since = waiting != null && waiting.changeSet().equals(retry.changeSet()) ? waiting.since()
                    : Instant.now().minus(retry.elapsed());
            state = state.withWaiting(new StartupState.LockTimeoutWait(retry.changeSet(), retry.attempt() + 1, since,
                    retry.blockers()));
        } else if (waiting != null && (event instanceof MigrationEvent.ChangeSetApplied
                || event instanceof MigrationEvent.ChangeSetFailed)) {
            state = state.withWaiting(null);
        }
    }

    private StartupReport failed(Instant startedAt, long start, String error, ExitCode exitCode) {
        return new StartupReport(Outcome.FAILED, Decision.stop(exitCode), settings.policy().mode(), startedAt,
                Duration.ofNanos(System.nanoTime() - start), null, null, List.of(), error, exitCode);
    }

    private void log(StartupReport report) {
        String took = report.duration().toMillis() + " ms";
        switch (report.decision().action()) {
            case STOP -> LOG.severe("Startup migration failed: " + report.error() + " (exit code "
                    + report.decision().exitCode().code() + ")");
            case START_NOT_READY -> {
                if (report.outcome() == Outcome.CHECKED) {
                    LOG.warning("Check-only mode: " + report.status().pending().size() + " changeset(s) pending and "
                            + "not applied (AUTO_MIGRATE_ON_STARTUP=false); not ready until a migration applies them ("
                            + took + ")");
                } else {
                    LOG.severe("Startup migration failed: " + report.error() + "; FAIL_ON_MIGRATION_ERROR=false, so the "
                            + "service starts, not ready (" + took + ")");
                }
            }
            default -> LOG.info("Startup migration " + report.outcome() + ": " + report.applied().size()
                    + " changeset(s) applied, schema up to date at "
                    + (report.status() == null ? "(none)" : report.status().currentRevision()) + "; ready (" + took + ")");
        }
    }

    /**
     * The schema's status for the probes, null while the changelog is not available. While the changelog is
     * what this database last saw fully applied, the fingerprint answers without parsing it; otherwise it is
     * parsed once (or taken from the startup migration's parse) and compared with the database.
     */
    DatabaseStatus status(Connection connection) throws SQLException {
        if (changeLog == null && state.finished() && changeLogError == null) {
            Optional<DatabaseStatus> upToDate = migrations.fingerprint().upToDateStatusForProbes(connection);
            if (upToDate.isPresent()) {
                return upToDate.get();
            }
        }
        ChangeLog parsed = changeLog(connection);
        return parsed == null ? null : Migrations.readStatus(connection, parsed);
    }

    /** The changelog parsed once after the startup migration; null before, or when it cannot be read. */
    ChangeLog changeLog(Connection connection) {
        ChangeLog parsed = changeLog;
        if (parsed != null || !state.finished() || changeLogError != null) {
            return parsed;
        }
        synchronized (changeLogLock) {
            if (changeLog == null && changeLogError == null) {
                try {
                    changeLog = migrations.lastParsedChangeLog().orElseGet(() -> migrations.changeLog(connection));
                } catch (MigrationException e) {
                    changeLogError = e.getMessage();
                }
            }
            return changeLog;
        }
    }

    public StartupState state() {
        return state;
    }

    /** The database as the last shared probe saw it (at most ~1 s old, within the probe bound). */
    public DatabaseSnapshot snapshot() {
        return probe.current();
    }

    /** The checks {@code database} and {@code migrations}, both readiness checks (to add to an application's own health observer). */
    public List<HealthCheck> healthChecks() {
        return List.of(databaseHealthCheck(), new MigrationHealthCheck(this::state, probe::current, () -> changeLogError));
    }

    /** Whether the database answers the shared probe. */
    public HealthCheck databaseHealthCheck() {
        return new DatabaseHealthCheck(probe::current, maskedUrl);
    }

    public DbStatusService dbStatusService() {
        return new DbStatusService(probe::current, this::state, () -> changeLog, settings.policy(), settings.filter(),
                maskedUrl);
    }

    /** {@code GET /metrics}: the startup migration and the database in the Prometheus text format. */
    public MetricsEndpoint metricsEndpoint() {
        return new MetricsEndpoint(metrics, this::state, probe::current);
    }

    /**
     * Adds {@code GET /health} (running and the database answers), {@code /health/live} and {@code /health/started}
     * (running), {@code /health/ready} (the database answers and the schema is up to date), {@code /db-status} and
     * {@code /metrics} to a routing; the health routes answer {@code HEAD} too. They are plain handlers rather than
     * Helidon's health observer, which costs the service's start ~85 ms of class loading and setup.
     */
    public void register(HttpRouting.Builder routing) {
        health(routing, "/health", new HealthEndpoint(List.of(databaseHealthCheck())));
        HealthEndpoint running = new HealthEndpoint(List.of());
        health(routing, "/health/live", running);
        health(routing, "/health/started", running);
        health(routing, "/health/ready", new HealthEndpoint(healthChecks()));
        routing.register("/db-status", dbStatusService());
        routing.register("/metrics", metricsEndpoint());
    }

    private static void health(HttpRouting.Builder routing, String path, HealthEndpoint endpoint) {
        routing.get(path, endpoint).head(path, endpoint);
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        probe.close();
    }
}
