package dev.automigrate.core.status;

import dev.automigrate.core.changelog.ChangeSetFilter;
import dev.automigrate.core.database.ConnectionInfo;
import java.util.List;

/**
 * What {@code status} shows: the connection, the migration state under the run's changeset filter, and indexes a
 * failed CREATE INDEX CONCURRENTLY left INVALID.
 */
public record StatusReport(ConnectionInfo connection, DatabaseStatus status, List<String> invalidIndexes,
                           ChangeSetFilter filter) {
    public StatusReport {
        invalidIndexes = List.copyOf(invalidIndexes);
        filter = filter == null ? ChangeSetFilter.NONE : filter;
    }

    public StatusReport(ConnectionInfo connection, DatabaseStatus status) {
        this(connection, status, List.of(), ChangeSetFilter.NONE);
    }
}
