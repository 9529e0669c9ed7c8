package dev.automigrate.helidon;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.function.Supplier;

/**
 * UP while the database answers the shared probe; never consulted for liveness. One response per snapshot,
 * so {@link HealthEndpoint} can reuse the body it built for it.
 */
public final class DatabaseHealthCheck implements HealthCheck {
    private final Supplier<DatabaseSnapshot> probe;
    private final String maskedUrl;
    private volatile Answered answered;

    private record Answered(DatabaseSnapshot snapshot, HealthCheckResponse response) {
    }

    public DatabaseHealthCheck(Supplier<DatabaseSnapshot> probe, String maskedUrl) {
        this.probe = probe;
        this.maskedUrl = maskedUrl;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        DatabaseSnapshot snapshot = probe.get();
        Answered cached = answered;
        if (cached != null && cached.snapshot() == snapshot) {
            return cached.response();
        }
        HealthCheckResponse response = response(snapshot);
        answered = new Answered(snapshot, response);
        return response;
    }

    private HealthCheckResponse response(DatabaseSnapshot snapshot) {
        HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                .status(snapshot.connected())
                .detail("url", maskedUrl);
        if (snapshot.connected()) {
            response.detail("latencyMs", snapshot.latencyMs());
        } else {
            response.detail("error", snapshot.error());
        }
        return response.build();
    }
}
