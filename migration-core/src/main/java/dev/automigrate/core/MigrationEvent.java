package dev.automigrate.core;

import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.check.Finding;
import dev.automigrate.core.check.RehearsedChangeSet;
import dev.automigrate.core.database.BlockingSession;
import dev.automigrate.core.database.ConnectionInfo;
import dev.automigrate.core.startup.Step;
import dev.automigrate.core.status.Drift;
import java.time.Duration;
import java.util.List;

/** Progress the core announces; front ends print it through their own log. */
public sealed interface MigrationEvent {

    record StepStarted(Step step) implements MigrationEvent {
    }

    /** {@code summary} is one line for a human, such as "3 pending" or "skipped: check-only mode". */
    record StepFinished(Step step, Duration duration, String summary) implements MigrationEvent {
    }

    record ConnectionRetry(int attempt, Duration nextDelay, String reason) implements MigrationEvent {
    }

    record Connected(ConnectionInfo connection) implements MigrationEvent {
    }

    /** Another instance holds the migration lock; announced at once and every few seconds while waiting. */
    record LockWaiting(String holder, Duration waited, Duration timeout) implements MigrationEvent {
    }

    record LockAcquired(Duration waited) implements MigrationEvent {
    }

    /**
     * The run read the changelog: {@code fromRecords} of its {@code changeSets} changesets are applied and unchanged
     * since the last run recorded them, and stood in for their items unparsed; Liquibase parsed the others.
     */
    record ChangeLogRead(int changeSets, int fromRecords, Duration duration) implements MigrationEvent {
    }

    record PendingFound(PendingChangeSet changeSet) implements MigrationEvent {
    }

    record DriftFound(Drift drift) implements MigrationEvent {
    }

    /** Check-only mode: a pending changeset's SQL breaks a pre-deploy rule. */
    record UnsafeChangeFound(Finding finding) implements MigrationEvent {
    }

    record ChangeSetStarting(int index, int total, PendingChangeSet changeSet) implements MigrationEvent {
    }

    record ChangeSetApplied(int index, int total, PendingChangeSet changeSet, Duration duration)
            implements MigrationEvent {
    }

    /** Baseline: recorded as applied without running it. */
    record ChangeSetRecorded(int index, int total, PendingChangeSet changeSet) implements MigrationEvent {
    }

    record ChangeSetRollingBack(int index, int total, PendingChangeSet changeSet) implements MigrationEvent {
    }

    record ChangeSetRolledBack(int index, int total, PendingChangeSet changeSet, Duration duration)
            implements MigrationEvent {
    }

    record ChangeSetFailed(int index, int total, PendingChangeSet changeSet, String error) implements MigrationEvent {
    }

    /**
     * Attempt number {@code attempt} of a changeset gave up waiting for a table lock after {@code lockTimeout}; nothing
     * of it stays, and it is tried again after {@code pause}.
     *
     * @param elapsed  since its first attempt began
     * @param blockers the sessions that held the lock while it waited; empty when none could be seen
     */
    record LockTimeoutRetry(int index, int total, PendingChangeSet changeSet, int attempt, Duration lockTimeout,
                            Duration pause, Duration elapsed, List<BlockingSession> blockers) implements MigrationEvent {
        public LockTimeoutRetry {
            blockers = List.copyOf(blockers);
        }
    }

    /** A failed {@code CREATE INDEX CONCURRENTLY} of this changeset left {@code index} INVALID; it was dropped. */
    record InvalidIndexDropped(PendingChangeSet changeSet, String index) implements MigrationEvent {
    }

    /** check --rehearse is about to run a pending changeset and its rollback inside its transaction. */
    record ChangeSetRehearsing(int index, int total, PendingChangeSet changeSet) implements MigrationEvent {
    }

    record ChangeSetRehearsed(int index, int total, RehearsedChangeSet result) implements MigrationEvent {
    }
}
