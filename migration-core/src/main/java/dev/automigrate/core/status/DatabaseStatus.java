package dev.automigrate.core.status;

import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.startup.Observation;
import java.util.ArrayList;
import java.util.List;

/**
 * The migration state of a database compared with the changelog, read without changing anything.
 *
 * @param appliedCount    how many rows {@code databasechangelog} holds
 * @param currentRevision the id of the changeset applied last, or null when nothing is applied
 * @param latestTag       the newest tag on an applied changeset, or null when none is tagged
 * @param latestRevision  the id of the changelog's last changeset, or null for an empty changelog
 * @param runsAlways      the selected {@code runAlways} changesets: never pending, they run at every migrate
 * @param filteredOut     how many changesets the contexts and labels left out: neither pending nor applied here
 */
public record DatabaseStatus(
        boolean trackingInitialised,
        int appliedCount,
        String currentRevision,
        String latestTag,
        List<PendingChangeSet> pending,
        List<Drift> drift,
        String latestRevision,
        List<PendingChangeSet> runsAlways,
        int filteredOut) {

    public DatabaseStatus {
        pending = List.copyOf(pending);
        drift = List.copyOf(drift);
        runsAlways = List.copyOf(runsAlways);
    }

    /** The status of these applied rows, in execution order. */
    public static DatabaseStatus of(boolean trackingInitialised, List<AppliedChangeSet> applied,
                                    List<PendingChangeSet> pending, List<Drift> drift, String latestRevision,
                                    List<PendingChangeSet> runsAlways, int filteredOut) {
        String latestTag = null;
        for (int i = applied.size() - 1; i >= 0 && latestTag == null; i--) {
            latestTag = applied.get(i).tag();
        }
        String currentRevision = applied.isEmpty() ? null : applied.get(applied.size() - 1).id();
        return new DatabaseStatus(trackingInitialised, applied.size(), currentRevision, latestTag, pending, drift,
                latestRevision, runsAlways, filteredOut);
    }

    public boolean upToDate() {
        return pending.isEmpty() && drift.isEmpty();
    }

    /** Whether a migrate has anything to run: pending changesets, or runAlways ones, which run every time. */
    public boolean hasWorkToRun() {
        return !pending.isEmpty() || !runsAlways.isEmpty();
    }

    /** What a migrate runs: the pending changesets and the runAlways ones. */
    public List<PendingChangeSet> toRun() {
        List<PendingChangeSet> toRun = new ArrayList<>(pending);
        toRun.addAll(runsAlways);
        return toRun;
    }

    public boolean hasDrift() {
        return !drift.isEmpty();
    }

    /** What the startup policy sees in this status. */
    public Observation observation() {
        if (hasDrift()) {
            return Observation.DRIFT;
        }
        if (!pending.isEmpty()) {
            return Observation.PENDING;
        }
        return runsAlways.isEmpty() ? Observation.UP_TO_DATE : Observation.UP_TO_DATE_RUNS_ALWAYS;
    }
}
