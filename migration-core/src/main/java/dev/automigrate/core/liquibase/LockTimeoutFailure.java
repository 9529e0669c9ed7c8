package dev.automigrate.core.liquibase;

import dev.automigrate.core.DurationText;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.database.BlockingSession;
import dev.automigrate.core.database.LockRetryPolicy;
import java.time.Duration;
import java.util.List;
import liquibase.exception.LiquibaseException;

/**
 * A changeset that gave up waiting for a table lock and is not tried again, with the one message a user needs: who
 * held the lock, what was left behind, and what to do. {@link LiquibaseErrors#describe} returns it as it is.
 */
final class LockTimeoutFailure extends LiquibaseException {
    private LockTimeoutFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The retry budget is spent (or zero); nothing of the changeset stays. */
    static LockTimeoutFailure budgetSpent(Throwable cause, int attempts, Duration elapsed, LockRetryPolicy policy,
                                          List<BlockingSession> blockers) {
        String waited = "MIGRATION_STATEMENT_LOCK_TIMEOUT (" + DurationText.of(policy.lockTimeout()) + ")";
        String held = "for a table lock held by " + ReportText.blockers(blockers);
        String message;
        if (policy.budget().isZero()) {
            message = LiquibaseErrors.serverError(cause) + ": waited " + waited + " " + held + ". Nothing of this"
                    + " changeset was applied; not tried again, as MIGRATION_LOCK_RETRY_BUDGET is 0. Migrate again when"
                    + " the report or transaction holding the lock has finished, or set MIGRATION_LOCK_RETRY_BUDGET"
                    + " (e.g. 3m) to keep trying";
        } else {
            message = LiquibaseErrors.serverError(cause) + ": gave up after " + attempts + " attempt"
                    + (attempts == 1 ? "" : "s") + " in " + DurationText.of(elapsed) + " (MIGRATION_LOCK_RETRY_BUDGET "
                    + DurationText.of(policy.budget()) + "), each waiting " + waited + " " + held + ". Nothing of"
                    + " this changeset was applied. Migrate again when the report or transaction holding the lock has"
                    + " finished (or end that session), or raise MIGRATION_LOCK_RETRY_BUDGET";
        }
        return new LockTimeoutFailure(message, cause);
    }

    /** Outside a transaction, statements before the one that gave up may be committed: trying again would repeat them. */
    static LockTimeoutFailure earlierStatementsCommitted(Throwable cause, LockRetryPolicy policy,
                                                         List<BlockingSession> blockers) {
        return new LockTimeoutFailure(LiquibaseErrors.serverError(cause) + ": waited MIGRATION_STATEMENT_LOCK_TIMEOUT ("
                + DurationText.of(policy.lockTimeout()) + ") for a table lock held by "
                + ReportText.blockers(blockers) + ". Not tried again: the changeset runs outside a transaction"
                + " (runInTransaction: false), and its statements before this one may be committed. Complete or undo"
                + " them by hand, and keep such changesets to one statement each", cause);
    }

    /** A failed concurrent index build left an index that could not be dropped: a retry would fail on it or keep it. */
    static LockTimeoutFailure invalidIndexKept(Throwable cause, String index, String dropError) {
        return new LockTimeoutFailure(LiquibaseErrors.serverError(cause) + "; the failed CREATE INDEX CONCURRENTLY left"
                + " index " + index + " INVALID, and dropping it failed (" + dropError + "). Run DROP INDEX CONCURRENTLY "
                + index + "; then migrate again", cause);
    }

    static LockTimeoutFailure interrupted(Throwable cause) {
        return new LockTimeoutFailure(LiquibaseErrors.serverError(cause) + "; interrupted while waiting to try again."
                + " Nothing of this changeset was applied", cause);
    }
}
