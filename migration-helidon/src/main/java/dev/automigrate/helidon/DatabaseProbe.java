package dev.automigrate.helidon;

import dev.automigrate.core.database.MigrationLock;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.status.DatabaseStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers "does the database answer, and is the schema up to date?" cheaply: one connection kept open,
 * one {@code select 1}, one look at {@code pg_locks} for the migration lock's holder (taking no lock) and
 * one read of {@code databasechangelog} against a changelog parsed once.
 * Concurrent callers share one probe, and no caller waits longer than {@code bound}, even when the database
 * hangs. A snapshot younger than {@code maxAge} is answered as it is; one younger than {@code staleLimit} is
 * answered at once while one background probe refreshes it; only an older one (or none, or an invalidated
 * one) makes callers wait for a probe.
 */
public final class DatabaseProbe implements AutoCloseable {
    public static final Duration DEFAULT_BOUND = Duration.ofMillis(1500);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMillis(250);
    public static final Duration DEFAULT_STALE_LIMIT = Duration.ofSeconds(1);

    private final DatabaseUrl url;
    private final ProbeConnection connection;
    private final StatusReader schema;
    private final Duration bound;
    private final long maxAgeNanos;
    private final long staleLimitNanos;
    private final ExecutorService worker = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("automigrate-probe-", 0).factory());

    private volatile DatabaseSnapshot last;
    private volatile String product;
    private volatile MigrationLock migrationLock;
    /** Bumped by {@link #invalidate()}, so a probe started before it cannot install its answer after it. */
    private long generation;
    private Probe inFlight;

    /** One probe of the database, started in {@code generation}. */
    private record Probe(long generation, CompletableFuture<DatabaseSnapshot> result) {
    }

    /**
     * @param schema     reads the schema's status on the probe's connection
     * @param maxAge     how long a snapshot is answered without probing again
     * @param staleLimit how long a snapshot may still be answered while a background probe refreshes it
     *                   (at least {@code maxAge})
     */
    public DatabaseProbe(DatabaseUrl url, StatusReader schema, Duration bound, Duration maxAge, Duration staleLimit) {
        this.url = url;
        this.schema = schema;
        this.bound = bound;
        this.maxAgeNanos = maxAge.toNanos();
        this.staleLimitNanos = Math.max(maxAgeNanos, staleLimit.toNanos());
        this.connection = new ProbeConnection(url, Math.max(1, bound.toSeconds() + 1));
    }

    /** The schema's status on a connection, or null while it cannot be known (before the startup migration ends). */
    @FunctionalInterface
    public interface StatusReader {
        DatabaseStatus read(Connection connection) throws SQLException;
    }

    /**
     * The latest snapshot: at most {@code maxAge} old, or at most {@code staleLimit} old while a refresh runs,
     * else a new one within {@code bound}.
     */
    public DatabaseSnapshot current() {
        DatabaseSnapshot cached = last;
        if (cached != null) {
            long age = System.nanoTime() - cached.takenAtNanos();
            if (age < maxAgeNanos) {
                return cached;
            }
            if (age < staleLimitNanos) {
                refresh();
                return cached;
            }
        }
        Probe probe = refresh();
        try {
            return probe.result().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            DatabaseSnapshot timedOut = DatabaseSnapshot.unanswered("the database did not answer within "
                    + bound.toMillis() + " ms");
            // later callers get this answer rather than each waiting for the hung probe in turn
            installIfStillRunning(probe, timedOut);
            return timedOut;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DatabaseSnapshot.unanswered("interrupted while probing the database");
        } catch (ExecutionException e) {
            return DatabaseSnapshot.unanswered(url.maskSecrets(String.valueOf(e.getCause().getMessage())));
        }
    }

    /** The probe running now, or a new one if none runs: never more than one per generation. */
    private synchronized Probe refresh() {
        if (inFlight == null || inFlight.result().isDone()) {
            Probe probe = new Probe(generation, new CompletableFuture<>());
            worker.execute(() -> {
                try {
                    install(probe, probeNow());
                } catch (Throwable e) {
                    probe.result().completeExceptionally(e);
                }
            });
            inFlight = probe;
        }
        return inFlight;
    }

    /**
     * Makes a probe's answer the cached one, unless the cache was invalidated after the probe started, and
     * completes the probe: both at once, so a caller that gave up waiting cannot overwrite the answer.
     */
    private synchronized void install(Probe probe, DatabaseSnapshot snapshot) {
        if (probe.generation() == generation) {
            last = snapshot;
        }
        probe.result().complete(snapshot);
    }

    private synchronized void installIfStillRunning(Probe probe, DatabaseSnapshot timedOut) {
        if (probe.generation() == generation && !probe.result().isDone()) {
            last = timedOut;
        }
    }

    /**
     * Forgets the cached snapshot and any probe running now, so the next call waits for a probe that starts
     * after this one (after a migration, for example).
     */
    public synchronized void invalidate() {
        generation++;
        last = null;
        inFlight = null;
    }

    /**
     * Probes on the connection kept from the last probe; when that fails (the server may have dropped it while it
     * sat idle), once more on a new connection, so a dropped idle connection never shows as the database down.
     */
    private DatabaseSnapshot probeNow() {
        Connection kept = connection.takeKept();
        if (kept != null) {
            try {
                DatabaseSnapshot snapshot = probeOn(kept);
                connection.giveBack(kept);
                return snapshot;
            } catch (SQLException e) {
                ProbeConnection.closeQuietly(kept);
            }
        }
        Connection opened = null;
        try {
            opened = connection.open();
            DatabaseSnapshot snapshot = probeOn(opened);
            connection.giveBack(opened);
            return snapshot;
        } catch (SQLException e) {
            ProbeConnection.closeQuietly(opened);
            return DatabaseSnapshot.unanswered(reason(e));
        }
    }

    private DatabaseSnapshot probeOn(Connection connection) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("select 1");
        }
        long latencyMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        if (product == null) {
            var meta = connection.getMetaData();
            product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        }
        if (migrationLock == null) {
            migrationLock = MigrationLock.forCurrentSchema(connection);
        }
        var lockHolder = migrationLock.holder(connection).orElse(null);
        DatabaseStatus status = schema.read(connection);
        if (!connection.getAutoCommit()) {
            // a kept connection must not sit idle in a transaction: its locks would stall another replica's migration
            connection.rollback();
            connection.setAutoCommit(true);
        }
        return DatabaseSnapshot.answered(product, latencyMs, status, lockHolder);
    }

    /** The innermost driver message, without the password. */
    private String reason(SQLException e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        if (cause instanceof java.net.ConnectException) {
            message = "connection refused by " + url.hosts().get(0);
        } else if (cause instanceof java.net.UnknownHostException) {
            message = "unknown host " + cause.getMessage();
        }
        return url.maskSecrets(String.valueOf(message).replace('\n', ' ').strip());
    }

    @Override
    public void close() {
        worker.shutdownNow();
        connection.close();
    }
}
