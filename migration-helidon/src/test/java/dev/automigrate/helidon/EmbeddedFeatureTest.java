package dev.automigrate.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.settings.SettingsLayer;
import dev.automigrate.core.settings.SettingsResolver;
import dev.automigrate.core.settings.Source;
import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.HttpAnswer;
import dev.automigrate.core.testing.PostgresFixture;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature in an application of its own, wired as the README's embedding section shows: no service class involved. */
class EmbeddedFeatureTest {
    @TempDir
    Path project;

    @Test
    void anApplicationsOwnServerMigratesAtStartupAndServesItsRoutesBesideOurs() {
        new ChangeLogFolder(project)
                .sqlChangeSet("001-crews", "app", "create table crews (id bigint primary key, name text not null)")
                .sqlChangeSet("002-crew", "app", "insert into crews values (1, 'blue')");
        String url = PostgresFixture.newDatabase().toString().replace("***", PostgresFixture.PASSWORD);
        Settings settings = SettingsResolver.resolve(List.of(SettingsLayer.fromEnvironment(Source.ENVIRONMENT,
                Map.of("DATABASE_URL", url, "MIGRATION_SEARCH_PATH", project.toString()))), project);

        try (MigrationFeature migration = MigrationFeature.create(settings)) {
            WebServer server = WebServer.builder()
                    .port(0)
                    .routing(routing -> {
                        migration.register(routing);
                        routing.get("/crews", (request, response) -> response.send("blue"));
                    })
                    .build()
                    .start();
            try {
                StartupReport report = migration.start().join();
                assertEquals(Outcome.APPLIED, report.outcome(), report::toString);
                assertEquals(2, report.applied().size());

                HttpAnswer ready = HttpAnswer.get(server.port(), "/health/ready");
                assertEquals(200, ready.status(), ready::toString);
                HttpAnswer status = HttpAnswer.get(server.port(), "/db-status");
                assertTrue(status.body().contains("\"upToDate\":true"), status::toString);
                assertTrue(status.body().contains("\"currentRevision\":\"002-crew\""), status::toString);
                assertEquals(new HttpAnswer(200, "blue"), HttpAnswer.get(server.port(), "/crews"));
            } finally {
                server.stop();
            }
        }
    }
}
