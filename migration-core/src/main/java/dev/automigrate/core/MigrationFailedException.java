package dev.automigrate.core;

import dev.automigrate.core.changelog.PendingChangeSet;
import java.util.List;

/**
 * A changeset failed. Each changeset runs in its own transaction, so the ones before it stay applied
 * and the failed one left no trace (unless it ran outside a transaction).
 */
public final class MigrationFailedException extends MigrationException {
    private final PendingChangeSet changeSet;
    private final String databaseError;
    private final List<AppliedResult> appliedBefore;

    public MigrationFailedException(PendingChangeSet changeSet, String databaseError, List<AppliedResult> appliedBefore,
                                    Throwable cause) {
        this(changeSet, databaseError, appliedBefore, cause, true);
    }

    /**
     * @param inTransaction whether the failed changeset ran in a transaction, which its failure rolled back; one
     *                      that did not ({@code runInTransaction: false}) keeps what its statements committed
     */
    public MigrationFailedException(PendingChangeSet changeSet, String databaseError, List<AppliedResult> appliedBefore,
                                    Throwable cause, boolean inTransaction) {
        super(ExitCode.MIGRATION_FAILED, message(changeSet, databaseError, appliedBefore, inTransaction), cause);
        this.changeSet = changeSet;
        this.databaseError = databaseError;
        this.appliedBefore = List.copyOf(appliedBefore);
    }

    /** The failed changeset, or null when the failure came before any changeset ran. */
    public PendingChangeSet changeSet() {
        return changeSet;
    }

    public String databaseError() {
        return databaseError;
    }

    public List<AppliedResult> appliedBefore() {
        return appliedBefore;
    }

    private static String message(PendingChangeSet changeSet, String error, List<AppliedResult> appliedBefore,
                                  boolean inTransaction) {
        String applied = appliedBefore.size() + " changeset" + (appliedBefore.size() == 1 ? "" : "s")
                + " before it applied";
        if (changeSet == null) {
            return "Migration failed: " + error + " (" + applied + ")";
        }
        return "Changeset " + changeSet.id() + " (" + changeSet.author() + ") in " + changeSet.changeLog()
                + " failed: " + error + " (" + applied + (inTransaction ? "; the failed changeset was rolled back)"
                : "; the failed changeset ran outside a transaction (runInTransaction: false): what its statements did "
                + "before the error stays, check it before you migrate again)");
    }
}
