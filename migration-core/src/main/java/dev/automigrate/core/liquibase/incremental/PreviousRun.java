package dev.automigrate.core.liquibase.incremental;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.status.ChangeLogRecords;
import dev.automigrate.core.status.TrackingTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import liquibase.database.Database;

/**
 * What a parse may reuse, read before it: the records of the changelog's files made under this environment, and
 * the checksum of each applied changeset ({@code databasechangelog}), without which no record is used.
 *
 * @param environment {@link EnvironmentKey} of this run; records are written under it too
 * @param files       the records, by file path
 * @param checksums   the checksum of each row of {@code databasechangelog}, by identity
 */
public record PreviousRun(String environment, Map<String, ChangeLogFileRecord> files, Map<String, String> checksums) {

    public PreviousRun {
        files = Map.copyOf(files);
        checksums = Map.copyOf(checksums);
    }

    /**
     * Reads both; best effort: what cannot be read (no table yet, no privilege) reads as nothing, and the parse is a
     * full one. Call inside the run's Liquibase scope.
     */
    public static PreviousRun read(ChangeLogRecords records, Connection connection, Database database) {
        String environment = EnvironmentKey.of(database);
        try {
            Map<String, String> checksums = TrackingTable.checksums(connection);
            Map<String, ChangeLogFileRecord> files = checksums.isEmpty() ? Map.of()
                    : records.read(connection, environment);
            return new PreviousRun(environment, files, checksums);
        } catch (SQLException | IllegalArgumentException e) {
            return new PreviousRun(environment, Map.of(), Map.of());
        }
    }
}
