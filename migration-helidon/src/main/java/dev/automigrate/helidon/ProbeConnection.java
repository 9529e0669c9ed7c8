package dev.automigrate.helidon;

import dev.automigrate.core.settings.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The probe's connection, kept open between probes. Probes run one at a time, so one connection is all a
 * pool would hold; a probe that overlaps a hung one opens its own, and only one is kept afterwards.
 * Not a pool library: HikariCP cost the service's start ~200 classes (with SLF4J and the SecureRandom behind its
 * connection ids) and a background connect that competed with the web server's start.
 */
final class ProbeConnection implements AutoCloseable {
    private final DatabaseUrl url;
    private final Properties properties;
    private final AtomicReference<Connection> kept = new AtomicReference<>();
    private volatile boolean closed;

    /** @param timeoutSeconds the driver's connect, login and (plus 3 s) socket timeouts */
    ProbeConnection(DatabaseUrl url, long timeoutSeconds) {
        this.url = url;
        this.properties = url.jdbcProperties();
        properties.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        properties.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        properties.setProperty("socketTimeout", String.valueOf(timeoutSeconds + 3));
        properties.setProperty("ApplicationName", "automigrate-probe");
    }

    /** The connection kept from an earlier probe, or null; the caller owns it until it gives it back. */
    Connection takeKept() {
        return kept.getAndSet(null);
    }

    Connection open() throws SQLException {
        Connection connection = new org.postgresql.Driver().connect(url.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + url.masked());
        }
        return connection;
    }

    /** Keeps a connection that just answered for the next probe, unless one is kept already. */
    void giveBack(Connection connection) {
        if (closed || !kept.compareAndSet(null, connection)) {
            closeQuietly(connection);
        } else if (closed) {
            // close() ran between the check and the set: it found nothing to close
            closeQuietly(kept.getAndSet(null));
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // it is being dropped: nothing is waiting for it
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(kept.getAndSet(null));
    }
}
