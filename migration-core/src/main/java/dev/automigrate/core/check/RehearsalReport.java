package dev.automigrate.core.check;

import java.time.Duration;
import java.util.List;

/**
 * What {@code check --rehearse} found by running the pending changesets and their rollbacks, then rolling everything
 * back: one entry per pending changeset, in order, and the findings they raise.
 *
 * @param notRun  why the rehearsal did not run (nothing pending, drift), or null when it ran
 * @param stopped why it stopped before the end (its time limit), or null when it rehearsed every changeset
 */
public record RehearsalReport(List<RehearsedChangeSet> changeSets, List<Finding> findings, Duration duration,
                              String notRun, String stopped) {

    public RehearsalReport {
        changeSets = List.copyOf(changeSets);
        findings = List.copyOf(findings);
    }

    public static RehearsalReport nothingPending() {
        return notRun("nothing pending");
    }

    public static RehearsalReport notRun(String why) {
        return new RehearsalReport(List.of(), List.of(), Duration.ZERO, why, null);
    }

    public boolean ran() {
        return notRun == null;
    }
}
