package dev.automigrate.core;

import java.util.List;

/** A parsed master changelog: every changeset that applies to PostgreSQL, in execution order. */
public record ChangeLog(String path, List<ExpectedChangeSet> changeSets) {
    public ChangeLog {
        changeSets = List.copyOf(changeSets);
    }

    /** The id of the last changeset, or null for an empty changelog. */
    public String latestRevision() {
        return changeSets.isEmpty() ? null : changeSets.get(changeSets.size() - 1).id();
    }
}
