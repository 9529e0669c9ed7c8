package dev.automigrate.core.liquibase;

import dev.automigrate.core.database.BlockingSession;
import dev.automigrate.core.database.FailedIndexBuilds;
import dev.automigrate.core.database.LockRetryPolicy;
import dev.automigrate.core.database.LockWaitObserver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.filter.ShouldRunChangeSetFilter;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.changelog.visitor.UpdateVisitor;
import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import liquibase.exception.MigrationFailedException;

/**
 * Liquibase's UpdateVisitor, committing each changeset once, together with its databasechangelog row: Liquibase
 * itself commits the changes first and the row after. What runs, the SQL and the row are Liquibase's. A changeset
 * outside a transaction (runInTransaction: false) still commits statement by statement, its row after them.
 *
 * <p>A changeset whose own statements gave up waiting for a table lock (the session's lock_timeout) and left nothing
 * behind is visited again, after a pause, while the {@link LockRetryPolicy} allows: in a transaction it was rolled
 * back with its row; outside one, only when its first statement was the one that gave up (an index such a
 * {@code CREATE INDEX CONCURRENTLY} left INVALID is dropped first). Retrying the visit of the same changeset keeps
 * the rest of Liquibase's update as it was: its filters and the applied rows were read once, and the changeset is
 * announced once and recorded once.
 */
final class AtomicUpdateVisitor extends UpdateVisitor {
    private final Database database;
    private final ChangeSetConnection connection;
    private final RowWithCommitExecutor executor;
    private final ChangeSetAttempts attempts;
    private final LockRetryPolicy retries;
    private final LockWaitObserver observer;
    private boolean changesFailed;

    /** How one attempt failed, after it was rolled back. */
    private record Failure(Exception exception, List<BlockingSession> blockers, boolean inChanges, int completed) {
    }

    AtomicUpdateVisitor(Database database, ChangeExecListener listener, ChangeSetAttempts attempts,
                        RowWithCommitExecutor executor, LockRetryPolicy retries, LockWaitObserver observer)
            throws DatabaseException {
        super(database, listener, new ShouldRunChangeSetFilter(database));
        this.database = database;
        this.connection = (ChangeSetConnection) database.getConnection();
        this.executor = executor;
        this.attempts = attempts;
        this.retries = retries;
        this.observer = observer;
    }

    @Override
    public void visit(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                      Set<ChangeSetFilterResult> filterResults) throws LiquibaseException {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Set<String> invalidBefore = changeSet.isRunInTransaction() ? Set.of() : invalidIndexes();
            Failure failure = attempt(changeSet, databaseChangeLog, database, filterResults);
            if (failure == null) {
                break;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Duration pause = pauseBeforeTryingAgain(changeSet, attempt, elapsed, invalidBefore, failure);
            attempts.retrying(attempt, retries.lockTimeout(), pause, elapsed, failure.blockers());
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LockTimeoutFailure.interrupted(failure.exception());
            }
        }
        attempts.committed();
    }

    /** Visits the changeset once: null when it is committed with its row, else how it failed, rolled back. */
    private Failure attempt(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                            Set<ChangeSetFilterResult> filterResults) {
        changesFailed = false;
        executor.countFromHere();
        observer.attemptStarted();
        connection.hold();
        try {
            super.visit(changeSet, databaseChangeLog, database, filterResults);
            connection.release();
            this.database.commit();
            observer.attemptEnded();
            return null;
        } catch (LiquibaseException | RuntimeException e) {
            connection.release();
            List<BlockingSession> blockers = observer.attemptEnded();
            // a failed change was rolled back already; a failed row or commit leaves the changes to undo here
            rollback(e);
            return new Failure(e, blockers, changesFailed, executor.completed());
        }
    }

    /** Liquibase calls this when the changeset's own statements failed, not its row or its commit. */
    @Override
    protected void fireRunFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                                 MigrationFailedException e) {
        changesFailed = true;
        super.fireRunFailed(changeSet, databaseChangeLog, database, e);
    }

    /** How long to wait before the next attempt; throws when the changeset is not tried again. */
    private Duration pauseBeforeTryingAgain(ChangeSet changeSet, int attempt, Duration elapsed,
                                            Set<String> invalidBefore, Failure failure) throws LiquibaseException {
        Exception cause = failure.exception();
        if (!failure.inChanges() || !LiquibaseErrors.isLockTimeout(cause)) {
            throw rethrow(cause);
        }
        if (!changeSet.isRunInTransaction()) {
            if (failure.completed() > 0 || !runsOnJdbc(changeSet)) {
                throw LockTimeoutFailure.earlierStatementsCommitted(cause, retries, failure.blockers());
            }
            dropIndexesLeftBy(invalidBefore, elapsed, cause);
        }
        Optional<Duration> pause = retries.pauseAfter(attempt, elapsed);
        if (pause.isEmpty()) {
            throw LockTimeoutFailure.budgetSpent(cause, attempt, elapsed, retries, failure.blockers());
        }
        return pause.get();
    }

    /** Statements of another executor (runWith) are not counted, so whether one of them committed is unknown. */
    private static boolean runsOnJdbc(ChangeSet changeSet) {
        return changeSet.getRunWith() == null || "jdbc".equalsIgnoreCase(changeSet.getRunWith());
    }

    /**
     * Drops the indexes that became INVALID during the failed attempt. Dropping waits for the transactions using the
     * table without holding up the application's queries, so it may wait for the rest of the budget.
     */
    private void dropIndexesLeftBy(Set<String> invalidBefore, Duration elapsed, Exception cause)
            throws LiquibaseException {
        Duration rest = retries.budget().minus(elapsed);
        Duration lockTimeout = rest.compareTo(retries.lockTimeout()) > 0 ? rest : retries.lockTimeout();
        for (String index : invalidIndexes()) {
            if (invalidBefore.contains(index)) {
                continue;
            }
            try {
                FailedIndexBuilds.dropConcurrently(jdbc(), index, lockTimeout);
            } catch (SQLException e) {
                throw LockTimeoutFailure.invalidIndexKept(cause, index, LiquibaseErrors.describe(e));
            }
            attempts.invalidIndexDropped(index);
        }
    }

    private Set<String> invalidIndexes() throws LiquibaseException {
        Connection jdbc = jdbc();
        try {
            Set<String> indexes = FailedIndexBuilds.list(jdbc);
            if (!jdbc.getAutoCommit()) {
                jdbc.rollback(); // no transaction may stay open: CREATE INDEX CONCURRENTLY would wait for it
            }
            return indexes;
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the invalid indexes: " + LiquibaseErrors.describe(e), e);
        }
    }

    private Connection jdbc() {
        return connection.getUnderlyingConnection();
    }

    private void rollback(Exception failure) {
        try {
            database.rollback();
        } catch (DatabaseException e) {
            failure.addSuppressed(e);
        }
    }

    private static LiquibaseException rethrow(Exception e) {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        return (LiquibaseException) e;
    }
}
