package dev.automigrate.core.liquibase.incremental;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import liquibase.changelog.ChangeSet;

/**
 * What one changelog file's parse yielded, item by item, for its record: each changeset in item order, either a
 * {@link RecordedChangeSet} or one Liquibase loaded, with what was noted of the latter before Liquibase's include
 * changed anything of it.
 *
 * @param contentDigest digest of the file's content when it has no header items, else null
 */
record FileParse(String path, String contentDigest, String headerDigest, List<ChangeSet> changeSets,
                 IdentityHashMap<ChangeSet, Note> notes) {

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
    }
}
