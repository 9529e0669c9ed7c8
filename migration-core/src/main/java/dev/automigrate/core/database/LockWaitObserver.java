package dev.automigrate.core.database;

import dev.automigrate.core.MigrationException;
import dev.automigrate.core.settings.SecretMasker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;

/**
 * Who blocks the migration session while a changeset waits for a lock, sampled from a connection of its own a few
 * times per lock timeout. It has to be seen during the wait: once the lock timeout has fired and the changeset is
 * rolled back, {@code pg_blocking_pids} has nothing left to say. The thread starts with the first attempt and then
 * looks four times per interval whether the current attempt has waited an interval since it started or was last
 * sampled; the connection opens with the first sample. Changesets that take less than one interval (nearly all)
 * cost a few field writes and no query: a run of thousands of changesets wakes no thread for each of them.
 */
public final class LockWaitObserver implements AutoCloseable {
    private static final Duration LONGEST_INTERVAL = Duration.ofMillis(250);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(25);
    private static final String BLOCKERS = "select a.pid, a.application_name, a.state,"
            + " (extract(epoch from now() - coalesce(a.xact_start, a.backend_start)) * 1000)::bigint, a.query"
            + " from pg_stat_activity a where a.pid = any(pg_blocking_pids(?)) order by a.pid";

    private final DatabaseConnector connector;
    private final SecretMasker secrets;
    private final int observedPid;
    private final Duration interval;
    private final Object lock = new Object();
    private ScheduledThreadPoolExecutor sampler;
    private int attempt;
    private boolean attempting;
    /** When the current attempt started or was last sampled (System.nanoTime). */
    private long lastSample;
    private List<BlockingSession> seen = List.of();
    /** Used on the sampler's thread only. */
    private Connection connection;
    private boolean unavailable;

    /**
     * @param observed    the migration's connection
     * @param lockTimeout how long one attempt waits at most: sampled four times within it, at most every 250 ms
     */
    public LockWaitObserver(DatabaseConnector connector, Connection observed, Duration lockTimeout) throws SQLException {
        this.connector = connector;
        this.secrets = SecretMasker.of(connector.url().password());
        this.observedPid = observed.unwrap(PGConnection.class).getBackendPID();
        Duration quarter = Duration.ofMillis(lockTimeout.toMillis() / 4); // dividedBy would load BigDecimal for this
        this.interval = lockTimeout.isZero() || quarter.compareTo(LONGEST_INTERVAL) > 0 ? LONGEST_INTERVAL
                : quarter.compareTo(SHORTEST_INTERVAL) < 0 ? SHORTEST_INTERVAL : quarter;
    }

    /** Starts watching one attempt of a changeset; what an earlier attempt saw is forgotten. */
    public void attemptStarted() {
        synchronized (lock) {
            attempt++;
            seen = List.of();
            attempting = true;
            lastSample = System.nanoTime();
            if (sampler == null) {
                sampler = new ScheduledThreadPoolExecutor(1, task -> {
                    Thread thread = new Thread(task, "automigrate-lock-observer");
                    thread.setDaemon(true);
                    return thread;
                });
                long tick = interval.toMillis() / 4; // a sample is at most a quarter of an interval late
                sampler.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Stops watching; the sessions that blocked this attempt when it was last seen waiting, or none. */
    public List<BlockingSession> attemptEnded() {
        synchronized (lock) {
            attempting = false;
            attempt++; // a sample still under way belongs to no attempt now
            return seen;
        }
    }

    /** Samples once the current attempt has waited an interval, and then every interval. */
    private void tick() {
        int current;
        synchronized (lock) {
            long now = System.nanoTime();
            if (!attempting || now - lastSample < interval.toNanos()) {
                return;
            }
            lastSample = now;
            current = attempt;
        }
        sample(current);
    }

    private void sample(int current) {
        List<BlockingSession> blockers;
        try {
            blockers = blockers();
        } catch (SQLException e) {
            closeConnection(); // the next sample opens another
            return;
        }
        synchronized (lock) {
            if (current == attempt && !blockers.isEmpty()) {
                seen = blockers;
            }
        }
    }

    private List<BlockingSession> blockers() throws SQLException {
        if (connection == null) {
            if (unavailable) {
                return List.of();
            }
            try {
                connection = connector.connectOnce();
            } catch (MigrationException e) {
                unavailable = true; // naming the blockers is a courtesy; the migration goes on without it
                return List.of();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("set application_name = 'automigrate-lock-observer'");
            }
        }
        List<BlockingSession> blockers = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(BLOCKERS)) {
            statement.setInt(1, observedPid);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    blockers.add(new BlockingSession(rows.getInt(1), rows.getString(2), rows.getString(3),
                            Duration.ofMillis(rows.getLong(4)), BlockingSession.preview(rows.getString(5), secrets)));
                }
            }
        }
        return List.copyOf(blockers);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing was written on it
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        ScheduledThreadPoolExecutor executor;
        synchronized (lock) {
            attempting = false;
            executor = sampler;
            sampler = null;
        }
        if (executor == null) {
            return;
        }
        executor.execute(this::closeConnection); // on the sampler's thread, after a sample under way
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
