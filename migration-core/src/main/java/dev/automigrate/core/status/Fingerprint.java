package dev.automigrate.core.status;

import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ChangeLogDigest;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.PendingChangeSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
    private static final String UNDEFINED_COLUMN = "42703";
    private static final char FIELD = '\u001f';
    private static final String ROWS_DIGEST = "md5(coalesce(string_agg(id || chr(31) || author || chr(31) "
            + "|| filename || chr(31) || coalesce(md5sum, '') || chr(31) || coalesce(exectype, '') || chr(31) "
            + "|| coalesce(tag, ''), chr(30) order by orderexecuted, id), ''))";
    private static final String TRACKING_DIGEST = "(select " + ROWS_DIGEST + " as digest from " + TrackingTable.TABLE + ")";
    /** The digest and what a status shows of the rows, so the fast path reads no row into Java. */
    private static final String TRACKING_SUMMARY = "(select " + ROWS_DIGEST + " as digest, count(*) as applied, "
            + "(select id from " + TrackingTable.TABLE + " order by orderexecuted desc, dateexecuted desc limit 1) "
            + "as current_revision, (select tag from " + TrackingTable.TABLE + " where tag is not null "
            + "order by orderexecuted desc, dateexecuted desc limit 1) as latest_tag from " + TrackingTable.TABLE + ")";

    private final String locationKey;
    /** The folders and digest a probe has hashed and found matching; they are not hashed again. */
    private volatile String verifiedFolders;

    /**
     * One fingerprint per changelog location and way of reading it, so the plugin (source folders) and the service
     * (its jar) keep their own, and a run with other contexts, labels or parameters never takes another's answer.
     */
    public Fingerprint(ChangeLogLocation location) {
        // the text itself, not a hash of it: a key shared by two locations would let one answer for the other;
        // the parameters only as a digest, as a value may be a secret
        this.locationKey = location.changeLog() + "\n" + location.searchPath() + "\n" + (location.classpath() != null)
                + (location.filter().isEmpty() ? "" : "\nfilter " + location.filter().describe())
                + (location.parameters().isEmpty() ? "" : "\nparameters " + location.parameters().digest());
    }

    /** The status when the fingerprint proves the database up to date; empty means: do the full check. */
    public Optional<DatabaseStatus> upToDateStatus(Connection connection) throws SQLException {
        Optional<Recorded> recorded = read(connection);
        if (recorded.isEmpty() || !recorded.get().trackingUnchanged()
                || !recorded.get().changeLogDigest().equals(digestOf(recorded.get().directories()))) {
            return Optional.empty();
        }
        return Optional.of(recorded.get().status());
    }

    /**
     * The same answer for a long-running process that keeps the changelog it started with (a service's
     * probes): the changelog's folders are hashed once, so a probe costs one query however long the history is.
     */
    public Optional<DatabaseStatus> upToDateStatusForProbes(Connection connection) throws SQLException {
        Optional<Recorded> recorded = read(connection);
        if (recorded.isEmpty() || !recorded.get().trackingUnchanged()) {
            return Optional.empty();
        }
        Recorded now = recorded.get();
        String verified = now.directories() + "\n" + now.changeLogDigest();
        if (!verified.equals(verifiedFolders)) {
            if (!now.changeLogDigest().equals(digestOf(now.directories()))) {
                return Optional.empty();
            }
            verifiedFolders = verified;
        }
        return Optional.of(now.status());
    }

    /** The recorded fingerprint, whether databasechangelog still matches it, and what it holds now. */
    private record Recorded(String directories, String changeLogDigest, String latestRevision,
                            boolean trackingUnchanged, int appliedCount, String currentRevision, String latestTag,
                            List<PendingChangeSet> runsAlways, int filteredOut) {
        DatabaseStatus status() {
            return new DatabaseStatus(true, appliedCount, currentRevision, latestTag, List.of(), List.of(),
                    latestRevision, runsAlways, filteredOut);
        }
    }

    private Optional<Recorded> read(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select f.directories, f.changelog_digest, "
                + "f.latest_revision, f.tracking_digest = t.digest, t.applied, t.current_revision, t.latest_tag, "
                + "f.runs_always, f.filtered_out from " + TABLE + " f, " + TRACKING_SUMMARY + " t where f.location_key = ?")) {
            statement.setString(1, locationKey);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Recorded(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4),
                        row.getInt(5), row.getString(6), row.getString(7), decode(row.getString(8)), row.getInt(9)));
            }
        } catch (SQLException e) {
            // no table yet, or one recorded by an older version without the newer columns: take the full check
            if (UNDEFINED_TABLE.equals(e.getSQLState()) || UNDEFINED_COLUMN.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One changeset a line, its fields apart by unit separators: never parsed by anything but {@link #decode}. */
    private static String encode(List<PendingChangeSet> changeSets) {
        StringBuilder text = new StringBuilder();
        for (PendingChangeSet changeSet : changeSets) {
            text.append(changeSet.id()).append(FIELD).append(changeSet.author()).append(FIELD)
                    .append(changeSet.changeLog()).append(FIELD).append(changeSet.description() == null ? ""
                            : changeSet.description()).append('\n');
        }
        return text.toString();
    }

    private static List<PendingChangeSet> decode(String text) {
        List<PendingChangeSet> changeSets = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return changeSets;
        }
        for (String line : text.split("\n")) {
            String[] fields = line.split(String.valueOf(FIELD), -1);
            changeSets.add(new PendingChangeSet(fields[0], fields[1], fields[2], fields[3].isEmpty() ? null : fields[3]));
        }
        return changeSets;
    }

    private static String digestOf(String directories) {
        return ChangeLogDigest.of(List.of(directories.split("\n"))).orElse("");
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
            // a table an older version created gains the newer columns
            statement.execute("alter table " + TABLE + " add column if not exists runs_always text not null default '', "
                    + "add column if not exists filtered_out int not null default 0");
        }
        try (PreparedStatement statement = connection.prepareStatement("insert into " + TABLE
                + " (location_key, directories, changelog_digest, tracking_digest, latest_revision, recorded_at, "
                + "runs_always, filtered_out) values (?, ?, ?, " + TRACKING_DIGEST + ", ?, now(), ?, ?) "
                + "on conflict (location_key) do update set "
                + "directories = excluded.directories, changelog_digest = excluded.changelog_digest, "
                + "tracking_digest = excluded.tracking_digest, latest_revision = excluded.latest_revision, "
                + "recorded_at = excluded.recorded_at, runs_always = excluded.runs_always, "
                + "filtered_out = excluded.filtered_out")) {
            statement.setString(1, locationKey);
            statement.setString(2, String.join("\n", changeLog.sourceDirectories()));
            statement.setString(3, changeLog.digest());
            statement.setString(4, changeLog.latestRevision());
            statement.setString(5, encode(changeLog.runsAlways()));
            statement.setInt(6, changeLog.filteredOut());
            statement.executeUpdate();
        }
    }
}
