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
            + "|| coalesce(tag, ''), chr(30) order by orderexecuted, id), '')) as digest from " + TrackingTable.TABLE + ")";

    private final String locationKey;

    /** One fingerprint per changelog location, so the plugin (source folders) and the service (its jar) keep their own. */
    public Fingerprint(ChangeLogLocation location) {
        this.locationKey = sha256(location.changeLog() + "\n" + location.searchPath() + "\n"
                + (location.classpath() != null));
    }

    /** The status when the fingerprint proves the database up to date; empty means: do the full check. */
    public Optional<DatabaseStatus> upToDateStatus(Connection connection) throws SQLException {
        Optional<Recorded> recorded = read(connection);
        if (recorded.isEmpty() || !recorded.get().trackingUnchanged()
                || !recorded.get().changeLogDigest().equals(digestOf(recorded.get().directories()))) {
            return Optional.empty();
        }
        return Optional.of(status(connection, recorded.get()));
    }

    /**
     * The same answer for a long-running process that keeps the changelog it started with (a service's
     * probes): the changelog's folders are hashed once, and the applied rows are read again only when
     * {@code databasechangelog} changed, so a probe costs one query however long the history is.
     */
    public Optional<DatabaseStatus> upToDateStatusForProbes(Connection connection) throws SQLException {
        Optional<Recorded> recorded = read(connection);
        if (recorded.isEmpty() || !recorded.get().trackingUnchanged()) {
            return Optional.empty();
        }
        Recorded now = recorded.get();
        ProbeMemo memo = probeMemo;
        if (memo == null || !memo.changeLogDigest().equals(now.changeLogDigest())
                || !memo.directories().equals(now.directories())) {
            if (!now.changeLogDigest().equals(digestOf(now.directories()))) {
                return Optional.empty();
            }
            memo = new ProbeMemo(now.directories(), now.changeLogDigest(), null, null);
        }
        if (!now.trackingDigest().equals(memo.trackingDigest())) {
            memo = new ProbeMemo(memo.directories(), memo.changeLogDigest(), now.trackingDigest(), status(connection, now));
        }
        probeMemo = memo;
        return Optional.of(memo.status());
    }

    /** What a probe learnt: the folders matched this digest; the rows as of this tracking digest. */
    private record ProbeMemo(String directories, String changeLogDigest, String trackingDigest, DatabaseStatus status) {
    }

    /** The recorded fingerprint and whether databasechangelog still matches it. */
    private record Recorded(String directories, String changeLogDigest, String latestRevision, String trackingDigest,
                            boolean trackingUnchanged) {
    }

    private volatile ProbeMemo probeMemo;

    private Optional<Recorded> read(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select f.directories, f.changelog_digest, "
                + "f.latest_revision, t.digest, f.tracking_digest = t.digest from " + TABLE + " f, " + TRACKING_DIGEST
                + " t where f.location_key = ?")) {
            statement.setString(1, locationKey);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Recorded(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBoolean(5)));
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String digestOf(String directories) {
        return ChangeLogDigest.of(List.of(directories.split("\n"))).orElse("");
    }

    private static DatabaseStatus status(Connection connection, Recorded recorded) throws SQLException {
        List<AppliedChangeSet> applied = TrackingTable.read(connection).orElse(List.of());
        return new DatabaseStatus(true, applied, List.of(), List.of(), recorded.latestRevision());
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
