package dev.automigrate.helidon;

import dev.automigrate.core.status.DatabaseStatus;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.function.Supplier;

/**
 * UP only when the startup migration has finished and the schema is, right now, exactly what the
 * changelog says; re-evaluated on each call, so a check-only instance becomes ready once a separate
 * migration job has run.
 */
public final class MigrationHealthCheck implements HealthCheck {
    private final Supplier<StartupState> startup;
    private final Supplier<DatabaseSnapshot> probe;
    private final Supplier<String> changeLogError;

    public MigrationHealthCheck(Supplier<StartupState> startup, Supplier<DatabaseSnapshot> probe,
                                Supplier<String> changeLogError) {
        this.startup = startup;
        this.probe = probe;
        this.changeLogError = changeLogError;
    }

    @Override
    public String name() {
        return "migrations";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        StartupState state = startup.get();
        if (!state.finished()) {
            return HealthCheckResponse.builder().status(false)
                    .detail("running", state.running())
                    .detail("error", state.running() ? "the startup migration is running" : "the startup migration has not started")
                    .build();
        }
        DatabaseSnapshot snapshot = probe.get();
        DatabaseStatus status = snapshot.status();
        if (status == null) {
            String error = !snapshot.connected() ? "the database does not answer"
                    : changeLogError.get() != null ? changeLogError.get() : "the changelog is not loaded yet";
            return HealthCheckResponse.builder().status(false).detail("error", error).build();
        }
        HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                .status(status.upToDate())
                .detail("applied", status.appliedCount())
                .detail("pending", status.pending().size());
        if (status.currentRevision() != null) {
            response.detail("currentRevision", status.currentRevision());
        }
        if (status.hasDrift()) {
            response.detail("drift", status.drift().size());
        }
        String lastError = state.report().error();
        if (!status.upToDate() && lastError != null) {
            response.detail("error", lastError);
        }
        return response.build();
    }
}
