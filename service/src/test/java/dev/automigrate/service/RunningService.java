package dev.automigrate.service;

import dev.automigrate.core.StartupReport;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The service's server and migration feature on a free port, set up as {@code main} does. */
final class RunningService implements AutoCloseable {
    final ServiceSettings settings;
    final MigrationFeature migration;
    final WebServer server;

    private RunningService(ServiceSettings settings, Duration probeMaxAge) {
        this.settings = settings;
        this.migration = MigrationFeature.create(settings.migration(), null, DatabaseProbe.DEFAULT_BOUND, probeMaxAge);
        WebServerConfig.Builder builder = WebServer.builder().port(0);
        ServiceServer.setup(builder, migration);
        this.server = builder.build().start();
    }

    /** Settings as the environment would give them, with the changelog {@link TestChangeLogs#NAME} in {@code folder}. */
    static ServiceSettings settings(Path folder, String databaseUrl, boolean autoMigrate, boolean failOnError) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DATABASE_URL", databaseUrl,
                "MIGRATION_SEARCH_PATH", folder.toString(),
                "MIGRATION_CHANGELOG", TestChangeLogs.NAME,
                "DATABASE_CONNECT_TIMEOUT", "1s",
                "AUTO_MIGRATE_ON_STARTUP", String.valueOf(autoMigrate),
                "FAIL_ON_MIGRATION_ERROR", String.valueOf(failOnError)));
        return ServiceSettings.resolve(environment, folder);
    }

    static RunningService start(ServiceSettings settings) {
        return new RunningService(settings, DatabaseProbe.DEFAULT_MAX_AGE);
    }

    /** With probe answers never reused, so each request sees the database as it is at that moment. */
    static RunningService startUncached(ServiceSettings settings) {
        return new RunningService(settings, Duration.ZERO);
    }

    StartupReport migrate() {
        return migration.start().join();
    }

    HttpAnswer get(String path) {
        return HttpAnswer.get(server.port(), path);
    }

    @Override
    public void close() {
        server.stop();
        migration.close();
    }
}
