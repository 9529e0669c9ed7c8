package dev.automigrate.core.check;

import dev.automigrate.core.changelog.PendingChangeSet;
import java.util.List;

/**
 * A pending changeset and the SQL it will run, generated without executing anything.
 *
 * @param comments the changeset's comment and any SQL comments, where acceptances are written
 */
public record PlannedChangeSet(PendingChangeSet changeSet, List<String> sql, boolean runInTransaction,
                               String comments) {
    public PlannedChangeSet {
        sql = List.copyOf(sql);
        comments = comments == null ? "" : comments;
    }
}
