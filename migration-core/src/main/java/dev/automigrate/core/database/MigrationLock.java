package dev.automigrate.core.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The migration lock: a session-level PostgreSQL advisory lock, one per schema. The server releases
 * it when the holding connection dies, so a killed instance never leaves a stuck lock behind.
 */
public final class MigrationLock {
    /** "amig": every automigrate lock uses this first half of the key, the schema's CRC32 the second. */
    private static final long NAMESPACE = 0x616D6967L;

    private final long key;
    private final long objectId;

    public MigrationLock(String schema) {
        CRC32 crc = new CRC32();
        crc.update(schema.getBytes(StandardCharsets.UTF_8));
        this.objectId = crc.getValue();
        this.key = (NAMESPACE << 32) | objectId;
    }

    /** The lock of the connection's current schema. */
    public static MigrationLock forCurrentSchema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select current_schema()");
             ResultSet result = statement.executeQuery()) {
            result.next();
            return new MigrationLock(result.getString(1) == null ? "public" : result.getString(1));
        }
    }

    public boolean tryAcquire(Connection connection) throws SQLException {
        return booleanQuery(connection, "select pg_try_advisory_lock(?)");
    }

    public void release(Connection connection) throws SQLException {
        booleanQuery(connection, "select pg_advisory_unlock(?)");
    }

    /** Who holds the lock now, if anyone; takes no lock itself. */
    public Optional<LockHolder> holder(Connection connection) throws SQLException {
        String sql = "select a.pid, a.application_name, host(a.client_addr), a.backend_start, a.state "
                + "from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                + "where l.locktype = 'advisory' and l.granted and l.objsubid = 1 "
                + "and l.classid::bigint = ? and l.objid::bigint = ? and l.database = "
                + "(select oid from pg_database where datname = current_database())";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, NAMESPACE);
            statement.setLong(2, objectId);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                Timestamp since = result.getTimestamp(4);
                return Optional.of(new LockHolder(result.getInt(1), result.getString(2), result.getString(3),
                        since == null ? null : since.toInstant(), result.getString(5)));
            }
        }
    }

    private boolean booleanQuery(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
