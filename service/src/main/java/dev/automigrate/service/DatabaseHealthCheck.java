package dev.automigrate.service;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.function.Supplier;

/** UP while the database answers the shared probe; never consulted for liveness. */
public final class DatabaseHealthCheck implements HealthCheck {
    private final Supplier<DatabaseSnapshot> probe;
    private final String maskedUrl;

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
