package dev.automigrate.core.status;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.changelog.ChangeLogLocation;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each file of the changelog yielded when it was last parsed, kept in the database beside the fingerprint so
 * that the next run parses only what changed. Best effort like the fingerprint: written only by runs that may write,
 * under the migration lock, after they left the database up to date; no table, a table of another format or another
 * environment (a Liquibase upgrade, other settings) only means the next run parses everything.
 */
public final class ChangeLogRecords {
    static final String TABLE = "automigrate_changelog_records";
    private static final String UNDEFINED_TABLE = "42P01";
    /** A table made before the column {@code includes} was added: its records are read as none, once. */
    private static final String UNDEFINED_COLUMN = "42703";

    private final String locationKey;

    /**
     * One set of records per master changelog. Unlike the fingerprint's, the key leaves out where the files are
     * (the search path, the classpath) and how the run reads them (contexts, labels, parameters): a record is checked
     * against the file's content, the resources it read (by address and content) and the parameter values it used
     * whenever it is used, and does not depend on the filter. So a deploy from a new release folder or a CI
     * workspace of another name still finds the records of the last one.
     */
    public ChangeLogRecords(ChangeLogLocation location) {
        this.locationKey = location.changeLog();
    }

    /**
     * The files recorded for this location in this environment, by path; empty when there are none.
     *
     * @param environment a digest of everything besides the files that a parse depends on (Liquibase's version and
     *                    settings, the database type)
     */
    public Map<String, ChangeLogFileRecord> read(Connection connection, String environment) throws SQLException {
        Map<String, ChangeLogFileRecord> files = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("select file_path, content_digest, "
                + "header_digest, changesets, includes from " + TABLE + " where location_key = ? and environment = ?")) {
            statement.setString(1, locationKey);
            statement.setString(2, stored(environment));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String path = row.getString(1);
                    String includes = row.getString(5);
                    files.put(path, new ChangeLogFileRecord(path, row.getString(2), row.getString(3),
                            RecordText.decode(row.getString(4)),
                            includes == null ? List.of() : RecordText.decodeIncludes(includes)));
                }
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState()) || UNDEFINED_COLUMN.equals(e.getSQLState())) {
                return Map.of();
            }
            throw e;
        }
        return files;
    }

    /**
     * Records what the files of a run's parse yielded, in one transaction: the files whose records changed are
     * written, those no longer recorded (deleted, or not recordable any more) are removed. Best effort: a failure
     * only means the next run parses more.
     *
     * @param files    every recordable file of the parse
     * @param previous what {@link #read} returned before the parse
     */
    public boolean tryWrite(Connection connection, String environment, List<ChangeLogFileRecord> files,
                            Map<String, ChangeLogFileRecord> previous) {
        if (files.isEmpty() && previous.isEmpty()) {
            return true; // nothing to keep (a changelog of XML files, say) and nothing kept: no table either
        }
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                write(connection, stored(environment), files, previous);
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                return false;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private void write(Connection connection, String environment, List<ChangeLogFileRecord> files,
                       Map<String, ChangeLogFileRecord> previous) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists " + TABLE + " (location_key text not null, "
                    + "environment text not null, file_path text not null, content_digest text, "
                    + "header_digest text not null, "
                    + "changesets text not null, recorded_at timestamptz not null, includes text, "
                    + "primary key (location_key, file_path))");
            if (!hasIncludesColumn(connection)) {
                statement.execute("alter table " + TABLE + " add column includes text");
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement("insert into " + TABLE + " (location_key, "
                + "environment, file_path, content_digest, header_digest, changesets, includes, recorded_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, now()) on conflict (location_key, file_path) do update set "
                + "environment = excluded.environment, content_digest = excluded.content_digest, "
                + "header_digest = excluded.header_digest, changesets = excluded.changesets, "
                + "includes = excluded.includes, recorded_at = excluded.recorded_at")) {
            int batched = 0;
            for (ChangeLogFileRecord file : files) {
                if (file.equals(previous.get(file.path()))) {
                    continue;
                }
                upsert.setString(1, locationKey);
                upsert.setString(2, environment);
                upsert.setString(3, file.path());
                upsert.setString(4, file.contentDigest());
                upsert.setString(5, file.headerDigest());
                upsert.setString(6, RecordText.encode(file.changeSets()));
                upsert.setString(7, file.includes().isEmpty() ? null : RecordText.encodeIncludes(file.includes()));
                upsert.addBatch();
                batched++;
            }
            if (batched > 0) {
                upsert.executeBatch();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from " + TABLE
                + " where location_key = ? and file_path <> all(?)")) {
            Array paths = connection.createArrayOf("text", files.stream().map(ChangeLogFileRecord::path).toArray());
            delete.setString(1, locationKey);
            delete.setArray(2, paths);
            delete.executeUpdate();
        }
    }

    /** Whether the table, made by this or an earlier version, has the column; only an earlier one lacks it. */
    private static boolean hasIncludesColumn(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select 1 from pg_attribute "
                + "where attrelid = to_regclass(?) and attname = 'includes' and not attisdropped")) {
            statement.setString(1, TABLE);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The table's own format is part of what the records hold for. */
    private static String stored(String environment) {
        return RecordText.FORMAT + "/" + environment;
    }
}
