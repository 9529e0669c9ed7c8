package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.testing.HttpAnswer;
import dev.automigrate.helidon.DatabaseProbe;
import dev.automigrate.helidon.MigrationFeature;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The service's server and migration feature on a free port, set up as {@code main} does. */
final class RunningService implements AutoCloseable {
    /** Well above the probe's stale limit, for a loaded machine. */
    static final Duration EVENTUALLY = Duration.ofSeconds(5);
    /** An address where nothing listens: connecting is refused at once. */
    static final String UNREACHABLE = "postgresql://app:s3cr3t-pw@localhost:1/app";
    /** The connect timeout of a test whose database does not answer. */
    static final String GIVE_UP_QUICKLY = "1s";

    final ServiceSettings settings;
    final MigrationFeature migration;
    final WebServer server;

    private RunningService(ServiceSettings settings) {
        this.settings = settings;
        this.migration = MigrationFeature.create(settings.migration(), null, DatabaseProbe.DEFAULT_BOUND,
                DatabaseProbe.DEFAULT_MAX_AGE, DatabaseProbe.DEFAULT_STALE_LIMIT);
        WebServerConfig.Builder builder = WebServer.builder().port(0);
        ServiceServer.setup(builder, migration);
        this.server = builder.build().start();
    }

    /**
     * Settings as the environment would give them, with the changelog {@link TestChangeLogs#NAME} in {@code folder},
     * for a database that answers: the connect timeout leaves a loaded CI machine time to log in.
     */
    static ServiceSettings settings(Path folder, String databaseUrl, boolean autoMigrate, boolean failOnError) {
        return settings(folder, databaseUrl, autoMigrate, failOnError, "10s");
    }

    /** For a database that does not answer, which the test waits for no longer than {@code connectTimeout}. */
    static ServiceSettings settings(Path folder, String databaseUrl, boolean autoMigrate, boolean failOnError,
                                    String connectTimeout) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DATABASE_URL", databaseUrl,
                "MIGRATION_SEARCH_PATH", folder.toString(),
                "MIGRATION_CHANGELOG", TestChangeLogs.NAME,
                "DATABASE_CONNECT_TIMEOUT", connectTimeout,
                "AUTO_MIGRATE_ON_STARTUP", String.valueOf(autoMigrate),
                "FAIL_ON_MIGRATION_ERROR", String.valueOf(failOnError)));
        return ServiceSettings.resolve(environment, folder);
    }

    /** With the probe's defaults, as {@code main} runs: a change in the database shows within about a second. */
    static RunningService start(ServiceSettings settings) {
        return new RunningService(settings);
    }

    StartupReport migrate() {
        return migration.start().join();
    }

    /** Runs the startup migration and fails with its error unless it ends in {@code expected}. */
    StartupReport migrate(Outcome expected) {
        StartupReport report = migrate();
        assertEquals(expected, report.outcome(), () -> "the startup migration's error: " + report.error());
        return report;
    }

    HttpAnswer get(String path) {
        return HttpAnswer.get(server.port(), path);
    }

    /**
     * Asks {@code path} until {@code until} holds, for a change in the database that the shared probe shows
     * within about a second; fails with the last answer after {@link #EVENTUALLY}.
     */
    HttpAnswer await(String path, Predicate<HttpAnswer> until) {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (true) {
            HttpAnswer answer = get(path);
            if (until.test(answer)) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GET " + path + " still answers, after " + EVENTUALLY.toSeconds() + " s: " + answer);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop();
        migration.close();
    }
}
