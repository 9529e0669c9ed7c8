package dev.automigrate.helidon;

import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.database.BlockingSession;
import dev.automigrate.core.startup.StartupReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The startup migration as the endpoints see it: not started, running since a moment (perhaps with a changeset
 * waiting to try again after a lock timeout), or finished with a report.
 *
 * @param report  null until the run has finished
 * @param waiting null unless a changeset of the running migration gave up on a table lock and is tried again
 */
public record StartupState(Instant startedAt, StartupReport report, LockTimeoutWait waiting) {
    static final StartupState NOT_STARTED = new StartupState(null, null);

    /**
     * A changeset that gave up waiting for a table lock, and the attempt it is at (running, or after its pause).
     *
     * @param since    when its first attempt began
     * @param blockers who held the lock the last time it gave up
     */
    public record LockTimeoutWait(PendingChangeSet changeSet, int attempt, Instant since,
                                  List<BlockingSession> blockers) {
        public LockTimeoutWait {
            blockers = List.copyOf(blockers);
        }
    }

    public StartupState(Instant startedAt, StartupReport report) {
        this(startedAt, report, null);
    }

    StartupState withWaiting(LockTimeoutWait lockTimeoutWait) {
        return new StartupState(startedAt, report, lockTimeoutWait);
    }

    public boolean running() {
        return startedAt != null && report == null;
    }

    public boolean finished() {
        return report != null;
    }

    public Duration elapsed() {
        if (report != null) {
            return report.duration();
        }
        return startedAt == null ? Duration.ZERO : Duration.between(startedAt, Instant.now());
    }
}
