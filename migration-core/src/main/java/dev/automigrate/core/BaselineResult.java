package dev.automigrate.core;

import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.status.DatabaseStatus;
import java.util.List;

/** What a baseline recorded as applied without running it, in changelog order, and the status afterwards. */
public record BaselineResult(List<PendingChangeSet> recorded, DatabaseStatus statusAfter) {
    public BaselineResult {
        recorded = List.copyOf(recorded);
    }
}
