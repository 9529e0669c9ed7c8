package dev.automigrate.core.rollback;

import dev.automigrate.core.status.AppliedChangeSet;
import java.util.List;

/**
 * One changeset a rollback would undo, with the SQL it would run.
 *
 * @param blocker why it cannot be rolled back, or null when it can
 */
public record RollbackStep(AppliedChangeSet changeSet, List<String> sql, String blocker) {
    public RollbackStep {
        sql = List.copyOf(sql);
    }
}
