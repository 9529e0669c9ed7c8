package dev.automigrate.core.startup;

import dev.automigrate.core.AppliedResult;
import dev.automigrate.core.ExitCode;
import dev.automigrate.core.database.ConnectionInfo;
import dev.automigrate.core.status.DatabaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The result of a startup migration: what was found, what was done, and what the policy decided.
 *
 * @param connection null when the database could not be reached
 * @param status     the state after the run; null when it could not be read
 * @param error      one line, secrets masked; null on success
 * @param failure    the exit code of the fault in {@code error}; {@link ExitCode#SUCCESS} when none
 */
public record StartupReport(
        Outcome outcome,
        Decision decision,
        Mode mode,
        Instant startedAt,
        Duration duration,
        ConnectionInfo connection,
        DatabaseStatus status,
        List<AppliedResult> applied,
        String error,
        ExitCode failure) {

    public StartupReport {
        applied = List.copyOf(applied);
    }

    /** Whether the process should go on to serve. */
    public boolean shouldStart() {
        return decision.action() != Decision.Action.STOP;
    }

    /** Whether the schema is exactly what the changelog says, so the service may report ready. */
    public boolean schemaUpToDate() {
        return status != null && status.upToDate() && error == null;
    }
}
