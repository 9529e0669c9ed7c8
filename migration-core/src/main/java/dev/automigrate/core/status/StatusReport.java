package dev.automigrate.core.status;

import dev.automigrate.core.database.ConnectionInfo;
import java.util.List;

/**
 * What {@code status} shows: the connection, the migration state, and indexes a failed
 * CREATE INDEX CONCURRENTLY left INVALID.
 */
public record StatusReport(ConnectionInfo connection, DatabaseStatus status, List<String> invalidIndexes) {
    public StatusReport {
        invalidIndexes = List.copyOf(invalidIndexes);
    }

    public StatusReport(ConnectionInfo connection, DatabaseStatus status) {
        this(connection, status, List.of());
    }
}
