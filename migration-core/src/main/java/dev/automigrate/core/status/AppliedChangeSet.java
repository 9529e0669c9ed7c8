package dev.automigrate.core.status;

import dev.automigrate.core.changelog.ChangeSetPaths;
import java.time.Instant;

/** One row of Liquibase's {@code databasechangelog}, as read with plain JDBC. */
public record AppliedChangeSet(
        String id,
        String author,
        String changeLog,
        Instant executedAt,
        int orderExecuted,
        String execType,
        String checksum,
        String description,
        String tag,
        String deploymentId) {

    public AppliedChangeSet {
        changeLog = ChangeSetPaths.normalise(changeLog);
    }

    public String identity() {
        return ChangeSetPaths.identity(changeLog, id, author);
    }
}
