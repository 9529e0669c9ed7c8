package dev.automigrate.core;

import java.util.List;

/** The migration state of a database compared with the changelog, read without changing anything. */
public record DatabaseStatus(
        boolean trackingInitialised,
        List<AppliedChangeSet> applied,
        List<PendingChangeSet> pending,
        List<Drift> drift,
        String latestRevision) {

    public DatabaseStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        drift = List.copyOf(drift);
    }

    /** The id of the changeset applied last, or null when nothing is applied. */
    public String currentRevision() {
        return applied.isEmpty() ? null : applied.get(applied.size() - 1).id();
    }

    /** The newest tag on an applied changeset, or null when none is tagged. */
    public String latestTag() {
        for (int i = applied.size() - 1; i >= 0; i--) {
            if (applied.get(i).tag() != null) {
                return applied.get(i).tag();
            }
        }
        return null;
    }

    public boolean upToDate() {
        return pending.isEmpty() && drift.isEmpty();
    }

    public boolean hasDrift() {
        return !drift.isEmpty();
    }

    /** What the startup policy sees in this status. */
    public Observation observation() {
        if (hasDrift()) {
            return Observation.DRIFT;
        }
        return pending.isEmpty() ? Observation.UP_TO_DATE : Observation.PENDING;
    }
}
