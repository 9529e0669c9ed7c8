package dev.automigrate.core.liquibase.incremental;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import liquibase.changelog.ChangeSet;

/**
 * What one changelog file's parse yielded, item by item, for its record: each changeset in item order, either a
 * {@link RecordedChangeSet} or one Liquibase loaded, with what was noted of the latter before Liquibase's include
 * changed anything of it.
 *
 * @param contentDigest digest of the file's content when it has no header items (or, for a master of plain
 *                      includes, always), else null
 * @param includes      for a master of plain includes, each include item and the path it handed to the parser;
 *                      else empty
 */
record FileParse(String path, String contentDigest, String headerDigest, List<ChangeSet> changeSets,
                 IdentityHashMap<ChangeSet, Note> notes, List<ChangeLogFileRecord.Include> includes) {

    /**
     * Of a changeset Liquibase loaded, right after its file was parsed.
     *
     * @param logicalFilePath its own, before an include sets one
     * @param runWith         its own, before an include's modifyChangeSets sets one
     * @param parameters      each {@code ${name}} of its item to a digest of its value now, or null when the item
     *                        may refer to parameters in a way this cannot capture
     */
    record Note(String itemDigest, String logicalFilePath, String runWith, String runWithSpoolFile,
                Map<String, String> parameters) {
    }

    FileParse {
        changeSets = List.copyOf(changeSets);
        includes = List.copyOf(includes);
    }

    /** A file of changesets. */
    FileParse(String path, String contentDigest, String headerDigest, List<ChangeSet> changeSets,
              IdentityHashMap<ChangeSet, Note> notes) {
        this(path, contentDigest, headerDigest, changeSets, notes, List.of());
    }
}
