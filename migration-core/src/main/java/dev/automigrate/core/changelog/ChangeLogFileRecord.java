package dev.automigrate.core.changelog;

import java.util.List;

/**
 * What one changelog file yielded: its changeset items in file order, valid only with the same header items
 * ({@code logicalFilePath}, {@code objectQuotingStrategy}, {@code context}), which apply to every changeset of it.
 *
 * @param path          the file's path as Liquibase's include passes it to the parser
 * @param contentDigest digest of the whole file when these records stand for all of it (it has no header items
 *                      and no changeset that must be parsed every time), so that while it is unchanged it need not
 *                      be read item by item; null otherwise
 * @param headerDigest  digest of the file's items other than changesets, in order
 */
public record ChangeLogFileRecord(String path, String contentDigest, String headerDigest,
                                  List<ChangeSetRecord> changeSets) {
    public ChangeLogFileRecord {
        changeSets = List.copyOf(changeSets);
    }
}
