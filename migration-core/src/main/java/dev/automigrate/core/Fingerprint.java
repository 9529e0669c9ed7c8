package dev.automigrate.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The fast path for the common start: nothing pending. After a run that left the database up to date,
 * the digest of the changelog's folders and a digest of {@code databasechangelog} are recorded; while
 * both still match, "up to date" is answered without parsing the changelog. Any difference at all
 * (a file edited, added or removed, a row changed by plain Liquibase) falls back to the full check.
 */
public final class Fingerprint {
    static final String TABLE = "automigrate_fingerprint";
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String TRACKING_DIGEST = "(select md5(coalesce(string_agg(id || chr(31) || author || chr(31) "
            + "|| filename || chr(31) || coalesce(md5sum, '') || chr(31) || coalesce(exectype, '') || chr(31) "
            + "|| coalesce(tag, ''), chr(30) order by orderexecuted, id), '')) from " + TrackingTable.TABLE + ")";

    private final String locationKey;

    /** One fingerprint per changelog location, so the plugin (source folders) and the service (its jar) keep their own. */
    public Fingerprint(ChangeLogLocation location) {
        this.locationKey = sha256(location.changeLog() + "\n" + location.searchPath() + "\n"
                + (location.classpath() != null));
    }

    /** The status when the fingerprint proves the database up to date; empty means: do the full check. */
    public Optional<DatabaseStatus> upToDateStatus(Connection connection) throws SQLException {
        String directories;
        String digest;
        String latestRevision;
        try (PreparedStatement statement = connection.prepareStatement("select directories, changelog_digest, "
                + "latest_revision, tracking_digest = " + TRACKING_DIGEST + " from " + TABLE + " where location_key = ?")) {
            statement.setString(1, locationKey);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || !row.getBoolean(4)) {
                    return Optional.empty();
                }
                directories = row.getString(1);
                digest = row.getString(2);
                latestRevision = row.getString(3);
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
        Optional<String> now = ChangeLogDigest.of(List.of(directories.split("\n")));
        if (now.isEmpty() || !now.get().equals(digest)) {
            return Optional.empty();
        }
        List<AppliedChangeSet> applied = TrackingTable.read(connection).orElse(List.of());
        return Optional.of(new DatabaseStatus(true, applied, List.of(), List.of(), latestRevision));
    }

    /**
     * Records that the database is up to date with this changelog; only called by runs that may write.
     * Best effort: a failure (no CREATE privilege, a concurrent instance recording at the same moment)
     * only means the next start takes the full check.
     */
    public boolean tryRecord(Connection connection, ChangeLog changeLog) {
        try {
            record(connection, changeLog);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void record(Connection connection, ChangeLog changeLog) throws SQLException {
        if (changeLog.digest() == null || changeLog.sourceDirectories().isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists " + TABLE + " (location_key text primary key, "
                    + "directories text not null, changelog_digest text not null, tracking_digest text not null, "
                    + "latest_revision text, recorded_at timestamptz not null)");
        }
        try (PreparedStatement statement = connection.prepareStatement("insert into " + TABLE
                + " values (?, ?, ?, " + TRACKING_DIGEST + ", ?, now()) on conflict (location_key) do update set "
                + "directories = excluded.directories, changelog_digest = excluded.changelog_digest, "
                + "tracking_digest = excluded.tracking_digest, latest_revision = excluded.latest_revision, "
                + "recorded_at = excluded.recorded_at")) {
            statement.setString(1, locationKey);
            statement.setString(2, String.join("\n", changeLog.sourceDirectories()));
            statement.setString(3, changeLog.digest());
            statement.setString(4, changeLog.latestRevision());
            statement.executeUpdate();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
