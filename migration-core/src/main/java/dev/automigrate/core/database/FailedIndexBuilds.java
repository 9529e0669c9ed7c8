package dev.automigrate.core.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Indexes that a {@code CREATE INDEX CONCURRENTLY} which failed half way left behind: PostgreSQL commits the index's
 * entry before it builds it and keeps it, INVALID, when the build fails (a lock timeout while it waits for older
 * transactions, for one). Such an index slows every write and serves no read; a changeset that creates it
 * {@code if not exists} would keep it silently.
 */
public final class FailedIndexBuilds {
    private static final String INVALID = "select i.indexrelid::regclass::text from pg_index i where not i.indisvalid";
    /** Another session's concurrent build shows as invalid until it ends: not a failed one. */
    private static final String NOT_BEING_BUILT = " and not exists (select 1 from pg_stat_progress_create_index p"
            + " where p.index_relid = i.indexrelid)";

    private FailedIndexBuilds() {
    }

    /** The invalid indexes nobody is building now, named as {@code DROP INDEX} needs them (schema-qualified if need be). */
    public static Set<String> list(Connection connection) throws SQLException {
        boolean progressView = connection.getMetaData().getDatabaseMajorVersion() >= 12;
        Set<String> indexes = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(INVALID + (progressView ? NOT_BEING_BUILT : ""));
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getString(1));
            }
        }
        return indexes;
    }

    /**
     * {@code DROP INDEX CONCURRENTLY}, outside any transaction as it must run, waiting at most {@code lockTimeout} for
     * each lock; the session's lock timeout and commit mode are restored after. It takes no lock the application's
     * reads and writes conflict with before its last step, so it may wait longer than one changeset attempt does.
     *
     * @param index as {@link #list} names it
     */
    public static void dropConcurrently(Connection connection, String index, Duration lockTimeout) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            String previous;
            try (ResultSet row = statement.executeQuery("select current_setting('lock_timeout')")) {
                row.next();
                previous = row.getString(1);
            }
            setLockTimeout(connection, lockTimeout.toMillis() + "ms");
            try {
                statement.execute("drop index concurrently if exists " + index);
            } finally {
                setLockTimeout(connection, previous);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void setLockTimeout(Connection connection, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select set_config('lock_timeout', ?, false)")) {
            statement.setString(1, value);
            statement.execute();
        }
    }
}
