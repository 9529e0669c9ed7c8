package dev.automigrate.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.automigrate.core.DatabaseStatus;
import dev.automigrate.core.DatabaseUrl;
import dev.automigrate.core.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers "does the database answer, and is the schema up to date?" cheaply: one pooled connection,
 * one {@code select 1}, one look at {@code pg_locks} for the migration lock's holder (taking no lock) and
 * one read of {@code databasechangelog} against a changelog parsed once.
 * Concurrent callers share one probe, a result is reused for {@code maxAge}, and no caller waits
 * longer than {@code bound}, even when the database hangs.
 */
public final class DatabaseProbe implements AutoCloseable {
    public static final Duration DEFAULT_BOUND = Duration.ofMillis(1500);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMillis(250);

    private final DatabaseUrl url;
    private final HikariDataSource pool;
    private final StatusReader schema;
    private final Duration bound;
    private final long maxAgeNanos;
    private final ExecutorService worker = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("automigrate-probe-", 0).factory());

    private volatile DatabaseSnapshot last;
    private volatile String product;
    private volatile MigrationLock migrationLock;
    private CompletableFuture<DatabaseSnapshot> inFlight;

    /**
     * @param schema reads the schema's status on the probe's connection
     */
    public DatabaseProbe(DatabaseUrl url, StatusReader schema, Duration bound, Duration maxAge) {
        this.url = url;
        this.schema = schema;
        this.bound = bound;
        this.maxAgeNanos = maxAge.toNanos();
        this.pool = new HikariDataSource(poolConfig(url, bound));
    }

    private static HikariConfig poolConfig(DatabaseUrl url, Duration bound) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("automigrate-probe");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(url.jdbcUrl());
        url.jdbcProperties().forEach((key, value) -> config.addDataSourceProperty((String) key, value));
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        // start even when the database is down: the probe reports it instead
        config.setInitializationFailTimeout(-1);
        // below the bound, so a refused connection is reported with its own reason rather than as a timeout
        config.setConnectionTimeout(Math.max(250, bound.toMillis() - 250));
        config.setValidationTimeout(Math.max(250, bound.toMillis() - 250));
        long seconds = Math.max(1, bound.toSeconds() + 1);
        for (Map.Entry<String, String> property : Map.of("connectTimeout", String.valueOf(seconds),
                "loginTimeout", String.valueOf(seconds), "socketTimeout", String.valueOf(seconds + 3),
                "ApplicationName", "automigrate-probe").entrySet()) {
            config.addDataSourceProperty(property.getKey(), property.getValue());
        }
        return config;
    }

    /** The schema's status on a connection, or null while it cannot be known (before the startup migration ends). */
    @FunctionalInterface
    public interface StatusReader {
        DatabaseStatus read(Connection connection) throws SQLException;
    }

    /** The latest snapshot, no older than {@code maxAge}, within {@code bound}. */
    public DatabaseSnapshot current() {
        DatabaseSnapshot cached = last;
        if (cached != null && System.nanoTime() - cached.takenAtNanos() < maxAgeNanos) {
            return cached;
        }
        CompletableFuture<DatabaseSnapshot> probe;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::probeNow, worker);
                inFlight.thenAccept(snapshot -> last = snapshot);
            }
            probe = inFlight;
        }
        try {
            return probe.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            DatabaseSnapshot timedOut = DatabaseSnapshot.unanswered("the database did not answer within "
                    + bound.toMillis() + " ms");
            last = timedOut;
            return timedOut;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DatabaseSnapshot.unanswered("interrupted while probing the database");
        } catch (ExecutionException e) {
            return DatabaseSnapshot.unanswered(url.maskSecrets(String.valueOf(e.getCause().getMessage())));
        }
    }

    /** Forgets the cached snapshot, so the next call probes again (after a migration, for example). */
    public void invalidate() {
        last = null;
    }

    private DatabaseSnapshot probeNow() {
        try (Connection connection = pool.getConnection()) {
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
            return DatabaseSnapshot.answered(product, latencyMs, status, lockHolder);
        } catch (SQLException e) {
            return DatabaseSnapshot.unanswered(reason(e));
        }
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
        // Hikari waits for a connection attempt in progress to give up; nobody needs to wait for that
        Thread.ofVirtual().name("automigrate-probe-close").start(pool::close);
    }
}
