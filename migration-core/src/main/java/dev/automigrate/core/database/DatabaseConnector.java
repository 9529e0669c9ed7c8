package dev.automigrate.core.database;

import dev.automigrate.core.DatabaseUnreachableException;
import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.settings.DatabaseUrl;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * Opens connections to the configured database, retrying with backoff within the connect timeout so
 * a database that starts a few seconds after the application is waited for. Credentials errors and an
 * unknown database are not retried: waiting would not fix them.
 */
public final class DatabaseConnector {
    private static final Duration FIRST_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);
    /** invalid password, invalid authorisation, unknown database, insufficient privilege. */
    private static final Set<String> PERMANENT_SQL_STATES = Set.of("28P01", "28000", "3D000", "42501");

    private final DatabaseUrl url;
    private final Duration window;

    public DatabaseConnector(DatabaseUrl url, Duration window) {
        this.url = url;
        this.window = window;
    }

    public DatabaseUrl url() {
        return url;
    }

    /** One attempt, no retry: for read-only commands that should answer at once. */
    public Connection connectOnce() {
        try {
            return open(Duration.ofSeconds(Math.max(1, Math.min(window.toSeconds(), 10))));
        } catch (SQLException e) {
            throw unreachable(e, 1);
        }
    }

    /** Connects, retrying until the window has passed, and reports the attempt count and latency. */
    public Connection connect(MigrationListener listener) {
        long deadline = System.nanoTime() + window.toNanos();
        Duration delay = FIRST_DELAY;
        int attempt = 0;
        while (true) {
            attempt++;
            long remaining = deadline - System.nanoTime();
            try {
                return noticeVanishedClient(open(Duration.ofNanos(Math.max(remaining, Duration.ofSeconds(1).toNanos()))));
            } catch (SQLException e) {
                remaining = deadline - System.nanoTime();
                if (isPermanent(e) || remaining <= delay.toNanos()) {
                    throw unreachable(e, attempt);
                }
                listener.on(new MigrationEvent.ConnectionRetry(attempt, delay, reason(e)));
                sleep(delay);
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
    }

    /**
     * A migrating session holds the migration lock; when its process is killed (kill -9, a lost node) the
     * server would go on running the current statement to its end before noticing, keeping the lock and
     * the next instance waiting all that time. PostgreSQL 14+ can check for a vanished client while a
     * statement runs; where the server cannot (other platforms), the setting is refused and nothing changes.
     */
    private static Connection noticeVanishedClient(Connection connection) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
            try (var statement = connection.createStatement()) {
                statement.execute("set client_connection_check_interval = '1s'");
            } catch (SQLException unsupported) {
                // the check is an improvement, not a condition: the migration works without it
            }
        }
        return connection;
    }

    /** Tests a connection: the server's product and version and one round trip's latency. */
    public static ConnectionInfo describe(Connection connection, DatabaseUrl url) throws SQLException {
        long start = System.nanoTime();
        try (var statement = connection.createStatement()) {
            statement.execute("select 1");
        }
        long latencyMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        DatabaseMetaData meta = connection.getMetaData();
        return new ConnectionInfo(url.masked(), meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(),
                latencyMs);
    }

    private Connection open(Duration timeout) throws SQLException {
        Properties properties = url.jdbcProperties();
        int seconds = (int) Math.max(1, Math.min(timeout.toSeconds(), 30));
        properties.putIfAbsent("connectTimeout", String.valueOf(seconds));
        properties.putIfAbsent("loginTimeout", String.valueOf(seconds));
        properties.putIfAbsent("ApplicationName", "automigrate");
        // Plugins run in a class realm where DriverManager does not see the driver: load it directly.
        Connection connection = new org.postgresql.Driver().connect(url.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + url.masked());
        }
        return connection;
    }

    private DatabaseUnreachableException unreachable(SQLException e, int attempts) {
        String when = attempts > 1 ? " after " + attempts + " attempts in " + window.toSeconds() + "s" : "";
        return new DatabaseUnreachableException(
                "Cannot connect to " + url.masked() + when + ": " + reason(e), null);
    }

    /** The driver's message, without a password and without the Java exception class. */
    public String reason(SQLException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = e.getMessage();
        if (cause instanceof UnknownHostException) {
            message = "unknown host " + cause.getMessage();
        } else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            message = "connection refused by " + url.hosts().get(0) + " (" + cause.getMessage() + ")";
        }
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        return url.maskSecrets(message.replace('\n', ' ').strip());
    }

    private static boolean isPermanent(SQLException e) {
        return e.getSQLState() != null && PERMANENT_SQL_STATES.contains(e.getSQLState());
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnreachableException("Interrupted while waiting for the database", e);
        }
    }
}
