package dev.automigrate.service.cli;

import dev.automigrate.core.StartupReport;
import dev.automigrate.service.ApplicationYaml;
import dev.automigrate.service.EmbeddedDatabase;
import dev.automigrate.service.MigrationFeature;
import dev.automigrate.service.ServiceServer;
import dev.automigrate.service.ServiceSettings;
import io.helidon.webserver.WebServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the HTTP service (the default): migrate at startup in the background, then serve "
                + "/health, /health/live, /health/ready and /db-status. A failed startup in automatic mode exits with "
                + "3 unreachable, 2 drift, 4 failed or 64 bad settings.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    private final CommandEnvironment environment;

    public ServeCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        long start = System.nanoTime();
        ServiceSettings resolved = ServiceSettings.resolve(environment.variables(), environment.workingDirectory());
        LOG.info("Settings (environment > .env > application.yaml > default):\n  "
                + String.join("\n  ", resolved.describe()));
        EmbeddedDatabase embedded = resolved.usesEmbeddedDatabase()
                ? EmbeddedDatabase.start(resolved.embeddedDataDirectory()) : null;
        ServiceSettings settings = embedded == null ? resolved : resolved.withDatabase(embedded.url());
        MigrationFeature migration = MigrationFeature.create(settings.migration());
        WebServer server = ServiceServer.create(ApplicationYaml.load(environment.workingDirectory()), settings.port(),
                migration).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(server, migration, embedded);
            stopped.countDown();
        }, "automigrate-shutdown"));
        LOG.info("Listening on http://localhost:" + server.port()
                + " (/health, /health/live, /health/ready, /db-status); migrating in the background");

        StartupReport report = migration.start().join();
        if (!report.shouldStart()) {
            stop(server, migration, embedded);
            return report.decision().exitCode().code();
        }
        LOG.info("Started in " + (System.nanoTime() - start) / 1_000_000 + " ms; "
                + (report.schemaUpToDate() ? "ready" : "not ready"));
        stopped.await();
        return 0;
    }

    private static void stop(WebServer server, MigrationFeature migration, EmbeddedDatabase embedded) {
        if (server.isRunning()) {
            server.stop();
        }
        migration.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
