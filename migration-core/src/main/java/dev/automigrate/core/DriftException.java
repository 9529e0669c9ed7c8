package dev.automigrate.core;

import dev.automigrate.core.status.Drift;
import java.util.List;
import java.util.stream.Collectors;

/** Migrate refuses to run on a database whose applied changesets differ from the changelog: exit 2. */
public final class DriftException extends MigrationException {
    private final List<Drift> drift;

    public DriftException(List<Drift> drift) {
        super(ExitCode.DRIFT, "The database differs from the changelog: "
                + drift.stream().map(Drift::describe).collect(Collectors.joining("; ")), null);
        this.drift = List.copyOf(drift);
    }

    public List<Drift> drift() {
        return drift;
    }
}
