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
 * @param includes      for a master of nothing but plain includes, each include item and the path it handed to the
 *                      parser, in order (the master then has no changesets); empty for any other file
 */
public record ChangeLogFileRecord(String path, String contentDigest, String headerDigest,
                                  List<ChangeSetRecord> changeSets, List<Include> includes) {
    public ChangeLogFileRecord {
        changeSets = List.copyOf(changeSets);
        includes = List.copyOf(includes);
    }

    /**
     * One include item of a master and what it included.
     *
     * @param itemDigest digest of the item's text, as written in the master
     * @param path       the path Liquibase's include handed to the parser for it
     */
    public record Include(String itemDigest, String path) {
    }
}
