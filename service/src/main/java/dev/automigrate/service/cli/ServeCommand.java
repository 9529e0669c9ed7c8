package dev.automigrate.service.cli;

import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.helidon.MigrationFeature;
import dev.automigrate.service.ApplicationYaml;
import dev.automigrate.service.EmbeddedDatabase;
import dev.automigrate.service.ServiceServer;
import dev.automigrate.service.ServiceSetting;
import dev.automigrate.service.ServiceSettings;
import dev.automigrate.service.ServiceSettingsException;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the HTTP service (the default): migrate at startup in the background, then serve "
                + "/health, /health/live, /health/ready, /db-status and /metrics. A failed startup in automatic mode exits with "
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
        ApplicationYaml yaml = ApplicationYaml.load(environment.workingDirectory());
        ServiceSettings resolved = ServiceSettings.resolve(environment.variables(), environment.workingDirectory(), yaml);
        resolved.logFormat().install(resolved.migration().secrets());
        LOG.info("Settings (environment > .env > application.yaml > default):\n  "
                + String.join("\n  ", resolved.describe()));
        EmbeddedDatabase embedded = resolved.usesEmbeddedDatabase()
                ? EmbeddedDatabase.start(resolved.embeddedDataDirectory()) : null;
        MigrationFeature migration = null;
        CompletableFuture<StartupReport> startup;
        WebServer server;
        try {
            ServiceSettings settings = embedded == null ? resolved : resolved.withDatabase(embedded.url());
            checkPortIsFree(settings.port());
            migration = MigrationFeature.create(settings.migration());
            // the migration's own thread connects and checks while the web server starts: on two cores the
            // two overlap, and the port opens without waiting for the migration; /health/ready is 503 until it ends
            startup = migration.start();
            server = listen(ServiceServer.create(yaml, settings.port(), migration), settings.port());
        } catch (RuntimeException e) {
            stop(null, migration, embedded);
            throw e;
        }
        MigrationFeature started = migration;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(server, started, embedded);
            stopped.countDown();
        }, "automigrate-shutdown"));
        LOG.info("Listening on http://localhost:" + server.port()
                + " (/health, /health/live, /health/ready, /db-status, /metrics); migrating in the background");

        StartupReport report = startup.join();
        if (!report.shouldStart()) {
            stop(server, migration, embedded);
            return report.decision().exitCode().code();
        }
        LOG.info("Started in " + (System.nanoTime() - start) / 1_000_000 + " ms; "
                + (report.schemaUpToDate() ? "ready" : "not ready"));
        stopped.await();
        return 0;
    }

    /** Helidon logs a failed bind as a stack trace and carries on; say it in one line, before anything starts. */
    private static void checkPortIsFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw cannotListen(port, e.getMessage());
        }
    }

    private static WebServer listen(WebServer server, int port) {
        server.start();
        if (!server.isRunning() || server.port() < 0) {
            throw cannotListen(port, "the web server did not start (see the log above)");
        }
        return server;
    }

    private static ServiceSettingsException cannotListen(int port, String reason) {
        return ServiceSettingsException.badValue(ServiceSetting.SERVER_PORT, String.valueOf(port),
                "cannot listen: " + reason + "; is another service using this port?");
    }

    private static void stop(WebServer server, MigrationFeature migration, EmbeddedDatabase embedded) {
        if (server != null && server.isRunning()) {
            server.stop();
        }
        if (migration != null) {
            migration.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
