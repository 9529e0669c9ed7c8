package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.helidon.MigrationFeature;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The sample changelog (crews, agents, tasks) on a server set up exactly as {@code main} sets it up. */
@ServerTest
class ServiceServerTest {
    private static MigrationFeature migration;
    private static StartupReport report;
    private final Http1Client client;

    ServiceServerTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        String url = PostgresFixture.newDatabase().toString().replace("***", "postgres");
        ServiceSettings settings = ServiceSettings.resolve(Map.of("DATABASE_URL", url,
                "MIGRATION_SEARCH_PATH", TestChangeLogs.SAMPLE.toString()), Path.of(""));
        migration = MigrationFeature.create(settings.migration());
        ServiceServer.setup(server, migration);
        report = migration.start().join();
    }

    @AfterAll
    static void close() {
        migration.close();
    }

    @Test
    void theSampleSchemaIsAppliedAndReported() {
        assertEquals(Outcome.APPLIED, report.outcome(), report::toString);
        assertEquals(3, report.applied().size());

        try (Http1ClientResponse health = client.get("/health").request()) {
            assertEquals(Status.OK_200, health.status());
            String body = health.as(String.class);
            assertTrue(body.startsWith("{\"status\":\"UP\""), body);
        }
        try (Http1ClientResponse status = client.get("/db-status").request()) {
            assertEquals(Status.OK_200, status.status());
            assertTrue(status.headers().contentType().orElseThrow().text().startsWith("application/json"));
            String body = status.as(String.class);
            assertTrue(body.contains("\"upToDate\":true"), body);
            assertTrue(body.contains("\"currentRevision\":\"003-create-tasks\""), body);
            assertTrue(body.contains("\"latestRevision\":\"003-create-tasks\""), body);
            assertTrue(body.contains("\"product\":\"PostgreSQL 17"), body);
            assertTrue(body.contains("\"url\":\"postgresql://postgres:***@localhost:"), body);
            assertTrue(!body.contains(":postgres@"), "no password: " + body);
        }
        assertEquals(Status.OK_200, client.get("/health/ready").request().status());
        assertEquals(Status.OK_200, client.get("/health/live").request().status());
    }

    @Test
    void healthRoutesAnswerHeadWithoutABodyAndAreNeverCached() {
        for (String path : new String[] {"/health", "/health/live", "/health/started", "/health/ready"}) {
            try (Http1ClientResponse get = client.get(path).request()) {
                assertEquals(Status.OK_200, get.status(), path);
                assertEquals("no-cache, no-store, must-revalidate",
                        get.headers().get(HeaderNames.CACHE_CONTROL).get(), path);
                assertTrue(get.as(String.class).startsWith("{\"status\":\"UP\""), path);
            }
            try (Http1ClientResponse head = client.head(path).request()) {
                assertEquals(Status.OK_200, head.status(), path);
                assertEquals(0, head.headers().contentLength().orElse(0L), path);
            }
        }
    }
}
