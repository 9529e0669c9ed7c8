package dev.automigrate.core;

import dev.automigrate.core.status.DatabaseStatus;
import java.time.Duration;
import java.util.List;

/** What a migrate applied; an empty list means the database was already up to date. */
public record MigrationResult(List<AppliedResult> applied, Duration duration, DatabaseStatus statusAfter) {
    public MigrationResult {
        applied = List.copyOf(applied);
    }
}
