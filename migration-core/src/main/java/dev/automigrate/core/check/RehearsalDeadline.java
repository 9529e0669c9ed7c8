package dev.automigrate.core.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;

/**
 * The rehearsal's time limit, so that a rehearsal against a live database never holds its locks for long. PostgreSQL
 * 17 and newer enforce it themselves ({@code transaction_timeout}: the server ends the session, which rolls the
 * transaction back and releases every lock, even when this process hangs). Older servers get a watchdog thread here
 * that cancels the running statement and closes the connection.
 */
final class RehearsalDeadline implements AutoCloseable {
    /** Which of the two enforces the limit. */
    enum Enforcement { SERVER, WATCHDOG }

    private final Connection connection;
    private final Duration limit;
    private final long deadline;
    private final Thread watchdog;

    private RehearsalDeadline(Connection connection, Duration limit, Enforcement enforcement) {
        this.connection = connection;
        this.limit = limit;
        this.deadline = System.nanoTime() + limit.toNanos();
        if (enforcement == Enforcement.WATCHDOG) {
            watchdog = new Thread(this::stopWhenDue, "automigrate-rehearsal-watchdog");
            watchdog.setDaemon(true);
        } else {
            watchdog = null;
        }
    }

    /** The server's own limit where it has one (PostgreSQL 17+), else the watchdog. */
    static Enforcement supported(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select current_setting('server_version_num')::int");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getInt(1) >= 170000 ? Enforcement.SERVER : Enforcement.WATCHDOG;
        }
    }

    /** Starts the clock; call before the rehearsal's transaction begins, as the server's limit counts from its start. */
    static RehearsalDeadline start(Connection connection, Duration limit, Enforcement enforcement) throws SQLException {
        RehearsalDeadline deadline = new RehearsalDeadline(connection, limit, enforcement);
        if (enforcement == Enforcement.SERVER) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set transaction_timeout = '" + limit.toMillis() + "ms'");
            }
        } else {
            deadline.watchdog.start();
        }
        return deadline;
    }

    boolean passed() {
        return System.nanoTime() - deadline >= 0;
    }

    /**
     * Once the limit has passed, waits for the watchdog to have closed the connection: a statement it cancelled
     * returns before it closes the connection, which must not then be used for anything.
     */
    void awaitStop() {
        if (watchdog == null || !passed()) {
            return;
        }
        try {
            watchdog.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code 5m}, {@code 90s} or {@code 1500ms}, as the setting is written. */
    String describeLimit() {
        long millis = limit.toMillis();
        return millis % 60_000 == 0 ? millis / 60_000 + "m" : millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private void stopWhenDue() {
        try {
            long remaining;
            while ((remaining = deadline - System.nanoTime()) > 0) {
                Thread.sleep(Duration.ofNanos(remaining).toMillis() + 1);
            }
            connection.unwrap(PGConnection.class).cancelQuery();
            // closing ends the session: the server rolls the transaction back and releases its locks
            connection.abort(Runnable::run);
        } catch (InterruptedException e) {
            // the rehearsal ended in time
        } catch (SQLException e) {
            // the connection is gone already, and with it the transaction and its locks
        }
    }

    /** Stops the watchdog, or lifts the server's limit off the session once the transaction has ended. */
    @Override
    public void close() throws SQLException {
        if (watchdog != null) {
            watchdog.interrupt();
        } else if (!connection.isClosed()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("reset transaction_timeout");
            }
        }
    }
}
