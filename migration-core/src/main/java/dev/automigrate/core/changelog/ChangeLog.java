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

    /** The id of the last changeset, or null for an empty changelog. */
    public String latestRevision() {
        return changeSets.isEmpty() ? null : changeSets.get(changeSets.size() - 1).id();
    }
}
