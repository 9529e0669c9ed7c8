package dev.automigrate.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe's kept connection on a real database: reused, replaced when the server drops it, never idle in a transaction. */
class ProbeConnectionTest {
    /** Well above the probe\'s stale limit, for a loaded machine. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(5);
    private static final Duration HOUR = Duration.ofHours(1);

    private final DatabaseUrl database = PostgresFixture.newDatabase();
    private final BackendRecorder reader = new BackendRecorder();
    private Connection admin;

    @BeforeEach
    void connect() throws Exception {
        admin = PostgresFixture.connect(database);
    }

    @AfterEach
    void close() throws Exception {
        admin.close();
    }

    @Test
    void oneConnectionServesProbeAfterProbe() {
        try (DatabaseProbe probe = probe()) {
            assertTrue(probe.current().connected());
            int first = reader.backend;
            probe.invalidate();
            assertTrue(probe.current().connected());
            assertEquals(first, reader.backend);
        }
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedWithoutReportingTheDatabaseDown() throws Exception {
        try (DatabaseProbe probe = probe()) {
            assertTrue(probe.current().connected());
            int first = reader.backend;
            try (PreparedStatement terminate = admin.prepareStatement("select pg_terminate_backend(?)")) {
                terminate.setInt(1, first);
                terminate.execute();
            }
            probe.invalidate();
            DatabaseSnapshot next = probe.current();
            assertTrue(next.connected(), next::toString);
            assertNotEquals(first, reader.backend);
        }
    }

    @Test
    void theKeptConnectionIsNotLeftInATransaction() throws Exception {
        reader.leaveTransactionOpen = true;
        try (DatabaseProbe probe = probe()) {
            assertTrue(probe.current().connected());
            assertEquals(Optional.of("idle"), state(reader.backend));
            probe.invalidate();
            assertTrue(probe.current().connected());
            assertEquals(Optional.of("idle"), state(reader.backend), "the same connection, still out of a transaction");
        }
    }

    @Test
    void closingTheProbeClosesItsConnection() throws Exception {
        int backend;
        try (DatabaseProbe probe = probe()) {
            assertTrue(probe.current().connected());
            backend = reader.backend;
        }
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (state(backend).isPresent()) {
            assertTrue(System.nanoTime() < deadline, "the probe's connection is still open");
            Thread.sleep(20);
        }
    }

    private DatabaseProbe probe() {
        return new DatabaseProbe(database, reader, DatabaseProbe.DEFAULT_BOUND, HOUR, HOUR);
    }

    private Optional<String> state(int backend) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("select state from pg_stat_activity where pid = ?")) {
            query.setInt(1, backend);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Reads no status; notes the server process behind the probe's connection, and can open a transaction. */
    private static final class BackendRecorder implements DatabaseProbe.StatusReader {
        private volatile int backend;
        private volatile boolean leaveTransactionOpen;

        @Override
        public DatabaseStatus read(Connection connection) throws SQLException {
            if (leaveTransactionOpen) {
                connection.setAutoCommit(false);
            }
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
                row.next();
                backend = row.getInt(1);
            }
            return null;
        }
    }
}
