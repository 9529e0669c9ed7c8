package dev.automigrate.core.changelog;

import java.util.Set;

/**
 * A changeset as the changelog defines it, with the checksum Liquibase would record for it.
 *
 * @param checksum null only in a changelog read to be compared with rows that do not record this changeset
 *                 (computing checksums is most of the cost of reading a changelog)
 * @param selected whether the run's contexts, labels and {@code ignore} let it run (Liquibase's filters)
 */
public record ExpectedChangeSet(
        String id,
        String author,
        String changeLog,
        String description,
        String checksum,
        Set<String> validCheckSums,
        boolean runOnChange,
        boolean runAlways,
        boolean runInTransaction,
        boolean selected) {

    public ExpectedChangeSet {
        changeLog = ChangeSetPaths.normalise(changeLog);
        validCheckSums = Set.copyOf(validCheckSums);
    }

    public String identity() {
        return ChangeSetPaths.identity(changeLog, id, author);
    }

    /** Whether a recorded checksum matches this definition (or is explicitly accepted by validCheckSum). */
    public boolean acceptsChecksum(String recorded) {
        if (recorded == null || recorded.isBlank() || recorded.equals(checksum)) {
            return true;
        }
        if (checksum == null) {
            throw new IllegalStateException(identity() + " was read without its checksum, so it cannot be compared");
        }
        if (validCheckSums.stream().anyMatch(v -> v.equalsIgnoreCase("ANY") || v.equals(recorded))) {
            return true;
        }
        // a row written by an older Liquibase carries an older checksum version; Liquibase upgrades it on
        // the next update instead of failing, and so do we rather than report drift
        return !versionOf(recorded).equals(versionOf(checksum));
    }

    /** This changeset with the checksum it was read without. */
    public ExpectedChangeSet withChecksum(String computed) {
        return new ExpectedChangeSet(id, author, changeLog, description, computed, validCheckSums, runOnChange,
                runAlways, runInTransaction, selected);
    }

    public PendingChangeSet toPending() {
        return new PendingChangeSet(id, author, changeLog, description);
    }

    private static String versionOf(String checksum) {
        int colon = checksum.indexOf(':');
        return colon < 0 ? "" : checksum.substring(0, colon);
    }
}
