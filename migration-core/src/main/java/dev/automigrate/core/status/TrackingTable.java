package dev.automigrate.core.status;

import dev.automigrate.core.changelog.ChangeSetPaths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Liquibase's {@code databasechangelog} with plain JDBC: never creates it, never locks.
 * Liquibase's own status would create the tracking tables on an empty database.
 */
public final class TrackingTable {
    public static final String TABLE = "databasechangelog";

    private TrackingTable() {
    }

    /** The applied changesets in execution order, or empty when the table does not exist yet. */
    public static Optional<List<AppliedChangeSet>> read(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return Optional.empty();
        }
        List<AppliedChangeSet> rows = new ArrayList<>();
        String sql = "select id, author, filename, dateexecuted, orderexecuted, exectype, md5sum, description, tag, "
                + "deployment_id from " + TABLE + " order by orderexecuted, dateexecuted";
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            int executed = result.findColumn("dateexecuted");
            boolean withTimeZone = "timestamptz".equals(result.getMetaData().getColumnTypeName(executed));
            while (result.next()) {
                rows.add(new AppliedChangeSet(
                        result.getString("id"),
                        result.getString("author"),
                        result.getString("filename"),
                        executedAt(result, executed, withTimeZone),
                        result.getInt("orderexecuted"),
                        result.getString("exectype"),
                        result.getString("md5sum"),
                        result.getString("description"),
                        result.getString("tag"),
                        result.getString("deployment_id")));
            }
        }
        return Optional.of(rows);
    }

    /**
     * When the row's changeset ran, as {@code getTimestamp} would read it (a time without zone is local to this JVM),
     * without its calendar arithmetic, which costs a long history more than the rest of its rows.
     */
    private static Instant executedAt(ResultSet result, int column, boolean withTimeZone) throws SQLException {
        if (withTimeZone) {
            OffsetDateTime executed = result.getObject(column, OffsetDateTime.class);
            return executed == null ? null : executed.toInstant();
        }
        LocalDateTime executed = result.getObject(column, LocalDateTime.class);
        return executed == null ? null : executed.atZone(ZoneId.systemDefault()).toInstant();
    }

    /**
     * The recorded checksum of each applied changeset by its identity ({@code path::id::author}; null where the row
     * has none); empty when the table does not exist. Only what deciding which changesets to parse needs.
     */
    public static Map<String, String> checksums(Connection connection) throws SQLException {
        Map<String, String> checksums = new HashMap<>();
        if (!exists(connection)) {
            return checksums;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select filename, id, author, md5sum from " + TABLE);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                checksums.put(ChangeSetPaths.identity(result.getString(1), result.getString(2), result.getString(3)),
                        result.getString(4));
            }
        }
        return checksums;
    }

    /** How many changesets are applied; 0 when the table does not exist. */
    public static int count(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement("select count(*) from " + TABLE);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    public static boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null");
             ResultSet result = executeWith(statement, TABLE)) {
            result.next();
            return result.getBoolean(1);
        }
    }

    private static ResultSet executeWith(PreparedStatement statement, String value) throws SQLException {
        statement.setString(1, value);
        return statement.executeQuery();
    }
}
