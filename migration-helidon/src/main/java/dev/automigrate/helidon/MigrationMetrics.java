package dev.automigrate.helidon;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the startup migrations of this process did, counted from the core's events and reports:
 * runs per outcome, changesets applied and failed, the time spent waiting for the migration lock, and the changeset
 * attempts that gave up on a table lock and were tried again.
 * Written by the migrating thread, read by {@code /metrics}.
 */
public final class MigrationMetrics implements MigrationListener {
    /** The outcomes a finished run can have; {@link Outcome#SKIPPED} means no run. */
    static final Outcome[] RUN_OUTCOMES = {Outcome.APPLIED, Outcome.UP_TO_DATE, Outcome.CHECKED, Outcome.FAILED};

    private final Map<Outcome, AtomicLong> runs = new EnumMap<>(Outcome.class);
    private final AtomicLong changeSetsApplied = new AtomicLong();
    private final AtomicLong changeSetsFailed = new AtomicLong();
    private final AtomicLong lockTimeoutRetries = new AtomicLong();
    private volatile Duration lockWait = Duration.ZERO;

    public MigrationMetrics() {
        for (Outcome outcome : RUN_OUTCOMES) {
            runs.put(outcome, new AtomicLong());
        }
    }

    @Override
    public void on(MigrationEvent event) {
        switch (event) {
            // counted as they happen: the changesets before a failing one stay applied
            case MigrationEvent.ChangeSetApplied e -> changeSetsApplied.incrementAndGet();
            case MigrationEvent.ChangeSetFailed e -> changeSetsFailed.incrementAndGet();
            case MigrationEvent.LockWaiting e -> lockWait = e.waited();
            case MigrationEvent.LockAcquired e -> lockWait = e.waited();
            case MigrationEvent.LockTimeoutRetry e -> lockTimeoutRetries.incrementAndGet();
            default -> {
            }
        }
    }

    /** Counts a finished startup migration by its outcome. */
    public void record(StartupReport report) {
        AtomicLong counter = runs.get(report.outcome());
        if (counter != null) {
            counter.incrementAndGet();
        }
    }

    public long runs(Outcome outcome) {
        AtomicLong counter = runs.get(outcome);
        return counter == null ? 0 : counter.get();
    }

    public long changeSetsApplied() {
        return changeSetsApplied.get();
    }

    public long changeSetsFailed() {
        return changeSetsFailed.get();
    }

    /** Changeset attempts that gave up waiting for a table lock and were tried again. */
    public long lockTimeoutRetries() {
        return lockTimeoutRetries.get();
    }

    /** How long the last startup migration waited for another instance's lock (so far, while it waits). */
    public Duration lockWait() {
        return lockWait;
    }
}
