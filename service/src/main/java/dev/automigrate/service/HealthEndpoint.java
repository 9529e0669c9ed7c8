package dev.automigrate.service;

import dev.automigrate.core.JsonWriter;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /health} as product.md defines it: UP when the application runs and the database answers.
 * Helidon's own {@code /health} would also fold in the schema check, so a check-only instance waiting
 * for a migration job would look broken; readiness ({@code /health/ready}) keeps that check. The body
 * has Helidon's health JSON shape.
 */
public final class HealthEndpoint implements Handler {
    private final List<HealthCheck> checks;

    public HealthEndpoint(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        List<HealthCheckResponse> results = checks.stream().map(HealthCheck::call).toList();
        boolean up = results.stream().allMatch(result -> result.status() == HealthCheckResponse.Status.UP);
        JsonWriter json = new JsonWriter().beginObject().field("status", up ? "UP" : "DOWN");
        json.name("checks").beginArray();
        for (int i = 0; i < checks.size(); i++) {
            HealthCheckResponse result = results.get(i);
            json.beginObject().field("name", checks.get(i).name())
                    .field("status", result.status() == HealthCheckResponse.Status.UP ? "UP" : "DOWN");
            if (!result.details().isEmpty()) {
                json.name("data").beginObject();
                // sorted, as Helidon's own health endpoints print them
                for (Map.Entry<String, Object> detail : new TreeMap<>(result.details()).entrySet()) {
                    Object value = detail.getValue();
                    if (value instanceof Number number) {
                        json.field(detail.getKey(), number.longValue());
                    } else if (value instanceof Boolean bool) {
                        json.field(detail.getKey(), bool.booleanValue());
                    } else {
                        json.field(detail.getKey(), value == null ? null : value.toString());
                    }
                }
                json.endObject();
            }
            json.endObject();
        }
        json.endArray().endObject();
        response.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .send(json.toString());
    }
}
