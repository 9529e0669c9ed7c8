package dev.automigrate.helidon;

import dev.automigrate.core.JsonWriter;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /health} as product.md defines it: UP when the application runs and the database answers.
 * Helidon's own {@code /health} would also fold in the schema check, so a check-only instance waiting
 * for a migration job would look broken; readiness ({@code /health/ready}) keeps that check. The body
 * has Helidon's health JSON shape. It is serialised again only when a check answers with another response
 * object than last time (a check that reuses its response per probe snapshot, as {@link DatabaseHealthCheck},
 * makes the body one per snapshot). {@code HEAD} answers the same status without a body; no answer may be cached.
 */
public final class HealthEndpoint implements Handler {
    private static final Header NO_CACHE = HeaderValues.create(HeaderNames.CACHE_CONTROL,
            "no-cache, no-store, must-revalidate");

    private final List<HealthCheck> checks;
    private volatile Rendered rendered;

    /** The body for one list of check responses, compared by identity. */
    private record Rendered(HealthCheckResponse[] results, boolean up, byte[] body) {
        boolean isFor(HealthCheckResponse[] others) {
            for (int i = 0; i < results.length; i++) {
                if (results[i] != others[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    public HealthEndpoint(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        HealthCheckResponse[] results = new HealthCheckResponse[checks.size()];
        for (int i = 0; i < results.length; i++) {
            results[i] = checks.get(i).call();
        }
        Rendered body = rendered;
        if (body == null || !body.isFor(results)) {
            body = render(results);
            rendered = body;
        }
        response.status(body.up() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503).header(NO_CACHE);
        if (request.prologue().method() == Method.HEAD) {
            response.send();
        } else {
            response.header(HeaderValues.CONTENT_TYPE_JSON).send(body.body());
        }
    }

    private Rendered render(HealthCheckResponse[] results) {
        boolean up = Arrays.stream(results).allMatch(result -> result.status() == HealthCheckResponse.Status.UP);
        JsonWriter json = new JsonWriter().beginObject().field("status", up ? "UP" : "DOWN");
        json.name("checks").beginArray();
        for (int i = 0; i < results.length; i++) {
            HealthCheckResponse result = results[i];
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
        return new Rendered(results, up, json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
