package dev.automigrate.core.changelog;

import java.util.List;

/**
 * A parsed master changelog: every changeset that applies to PostgreSQL, in execution order.
 *
 * @param sourceDirectories URIs of the folders holding the changelog's files
 * @param digest            {@link ChangeLogDigest} of those folders taken right after parsing, or null
 *                          when they cannot be read; it tells later whether the changelog changed
 */
public record ChangeLog(String path, List<ExpectedChangeSet> changeSets, List<String> sourceDirectories,
                        String digest) {
    public ChangeLog {
        changeSets = List.copyOf(changeSets);
        sourceDirectories = List.copyOf(sourceDirectories);
    }

    public ChangeLog(String path, List<ExpectedChangeSet> changeSets) {
        this(path, changeSets, List.of(), null);
    }

    /** The selected {@code runAlways} changesets, in order: they run at every migrate. */
    public List<PendingChangeSet> runsAlways() {
        return changeSets.stream().filter(c -> c.selected() && c.runAlways()).map(ExpectedChangeSet::toPending).toList();
    }

    /** How many changesets the run's contexts and labels leave out. */
    public int filteredOut() {
        return (int) changeSets.stream().filter(c -> !c.selected()).count();
    }

    /** The id of the last changeset the run's filter selects, or null when there is none. */
    public String latestRevision() {
        for (int i = changeSets.size() - 1; i >= 0; i--) {
            if (changeSets.get(i).selected()) {
                return changeSets.get(i).id();
            }
        }
        return null;
    }
}
