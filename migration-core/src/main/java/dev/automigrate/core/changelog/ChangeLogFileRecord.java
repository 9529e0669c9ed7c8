package dev.automigrate.core.changelog;

import java.util.List;

/**
 * What one changelog file yielded: its changeset items in file order, valid only with the same header items
 * ({@code logicalFilePath}, {@code objectQuotingStrategy}, {@code context}), which apply to every changeset of it.
 *
 * @param path         the file's path as Liquibase's include passes it to the parser
 * @param headerDigest digest of the file's items other than changesets, in order
 */
public record ChangeLogFileRecord(String path, String headerDigest, List<ChangeSetRecord> changeSets) {
    public ChangeLogFileRecord {
        changeSets = List.copyOf(changeSets);
    }
}
