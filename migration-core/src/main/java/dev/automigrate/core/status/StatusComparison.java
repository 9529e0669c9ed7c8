package dev.automigrate.core.status;

import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ExpectedChangeSet;
import dev.automigrate.core.changelog.PendingChangeSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares the parsed changelog with the applied rows: pending changesets and drift, as Liquibase would judge them. */
public final class StatusComparison {
    private StatusComparison() {
    }

    /** @param applied the rows of {@code databasechangelog}, or null when the table does not exist */
    public static DatabaseStatus compare(ChangeLog changeLog, List<AppliedChangeSet> applied) {
        List<AppliedChangeSet> rows = applied == null ? List.of() : applied;
        Map<String, AppliedChangeSet> appliedByIdentity = new HashMap<>();
        for (AppliedChangeSet row : rows) {
            appliedByIdentity.put(row.identity(), row);
        }
        List<PendingChangeSet> pending = new ArrayList<>();
        List<PendingChangeSet> runsAlways = new ArrayList<>();
        List<Drift> drift = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        int filteredOut = 0;
        for (ExpectedChangeSet changeSet : changeLog.changeSets()) {
            expected.add(changeSet.identity());
            AppliedChangeSet row = appliedByIdentity.get(changeSet.identity());
            if (!changeSet.selected()) {
                // as Liquibase's validation, which iterates with the context and label filters: not checked at all
                filteredOut++;
            } else if (changeSet.runAlways()) {
                // runs at every update whatever its checksum; Liquibase validates no checksum of it
                runsAlways.add(changeSet.toPending());
            } else if (row == null) {
                pending.add(changeSet.toPending());
            } else if (!changeSet.acceptsChecksum(row.checksum())) {
                if (changeSet.runOnChange()) {
                    pending.add(changeSet.toPending());
                } else {
                    drift.add(new Drift(Drift.Kind.CHECKSUM_CHANGED, changeSet.id(), changeSet.author(),
                            changeSet.changeLog(), "recorded " + row.checksum() + ", now " + changeSet.checksum()));
                }
            }
        }
        for (AppliedChangeSet row : rows) {
            if (!expected.contains(row.identity())) {
                drift.add(new Drift(Drift.Kind.MISSING_FROM_CHANGELOG, row.id(), row.author(), row.changeLog(),
                        "applied " + row.executedAt()));
            }
        }
        return DatabaseStatus.of(applied != null, rows, pending, drift, changeLog.latestRevision(), runsAlways,
                filteredOut);
    }
}
