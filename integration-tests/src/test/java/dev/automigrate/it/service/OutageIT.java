package dev.automigrate.it.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.HttpAnswer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database is away at startup, or goes away while the service runs; one stoppable server for the class. */
class OutageIT {
    @TempDir
    static Path folder;
    private static StoppableServer server;
    private static Path project;

    @BeforeAll
    static void initialiseServer() {
        server = new StoppableServer(folder.resolve("pgdata"), ServiceProcess.freePort()).start();
        // initialised once, so a later start is a quick restart rather than an initdb
        server.stop();
        project = folder.resolve("project");
        new ChangeLogFolder(project).sqlChangeSet("001-crews", "outage", "create table if not exists crews (id bigint)");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Map<String, String> environment(String connectTimeout, boolean failOnError) {
        Map<String, String> environment = new HashMap<>(Map.of("DATABASE_URL", server.address(),
                "MIGRATION_SEARCH_PATH", project.toString(), "DATABASE_CONNECT_TIMEOUT", connectTimeout,
                "FAIL_ON_MIGRATION_ERROR", String.valueOf(failOnError)));
        return environment;
    }

    @Test
    void aDatabaseThatComesUpWithinTheWindowIsWaitedFor() {
        server.stop();
        try (ServiceProcess service = ServiceProcess.serve("db-late", environment("30s", true), project)) {
            service.awaitAnswer("/health/live", answer -> answer.status() == 200, Duration.ofMinutes(1));
            assertEquals(503, service.get("/health/ready").status());
            ServiceProcess.pause(5000);
            server.start();
            Duration ready = service.awaitReady(Duration.ofMinutes(1));
            System.out.println("[outage] database up 5 s after the service started; ready after " + ready.toMillis() + " ms");
            assertTrue(service.output().contains("Startup migration"), service.output());
        } finally {
            server.stop();
        }
    }

    @Test
    void aDatabaseDownLongerThanTheWindowStopsAnAutomaticStartWithExit3() {
        server.stop();
        try (ServiceProcess service = ServiceProcess.serve("db-down-automatic", environment("2s", true), project)) {
            assertEquals(3, service.awaitExit(Duration.ofMinutes(1)), service.output());
            String failure = service.output().lines().filter(line -> line.contains("Startup migration failed"))
                    .findFirst().orElseThrow(() -> new AssertionError(service.output()));
            assertTrue(failure.contains("Cannot connect to postgresql://postgres:***@localhost:") && failure.contains("(exit code 3)"),
                    failure);
        }
    }

    @Test
    void aDatabaseDownLongerThanTheWindowStartsAPermissiveServiceUnready() {
        server.stop();
        try (ServiceProcess service = ServiceProcess.serve("db-down-permissive", environment("2s", false), project)) {
            service.awaitAnswer("/db-status", answer -> answer.body().contains("\"outcome\":\"FAILED\""), Duration.ofMinutes(1));
            assertEquals(503, service.get("/health/ready").status());
            assertEquals(503, service.get("/health").status());
            assertEquals(200, service.get("/health/live").status());
            assertTrue(service.isAlive());
        }
    }

    @Test
    void aDatabaseStoppingWhileTheServiceRunsTurnsHealthDownAndBackUpWithoutARestart() {
        server.start();
        try (ServiceProcess service = ServiceProcess.serve("db-stops", environment("10s", true), project)) {
            service.awaitReady(Duration.ofMinutes(1));
            assertEquals(200, service.get("/health").status());

            long stoppedAt = System.nanoTime();
            server.stop();
            service.awaitAnswer("/health", answer -> answer.status() == 503, Duration.ofSeconds(30));
            long healthDownMs = (System.nanoTime() - stoppedAt) / 1_000_000;
            service.awaitAnswer("/health/ready", answer -> answer.status() == 503, Duration.ofSeconds(30));
            long readyDownMs = (System.nanoTime() - stoppedAt) / 1_000_000;
            System.out.println("[outage] database stopped: /health 503 after " + healthDownMs
                    + " ms, /health/ready 503 after " + readyDownMs + " ms");
            assertEquals(200, service.get("/health/live").status());
            HttpAnswer status = service.get("/db-status");
            assertEquals(200, status.status());
            assertTrue(status.body().contains("\"connected\":false"), status.body());

            long restartedAt = System.nanoTime();
            server.start();
            service.awaitReady(Duration.ofSeconds(60));
            service.awaitAnswer("/health", answer -> answer.status() == 200, Duration.ofSeconds(30));
            System.out.println("[outage] database back: ready again after " + (System.nanoTime() - restartedAt) / 1_000_000 + " ms");
            assertTrue(service.get("/db-status").body().contains("\"connected\":true"));
            assertEquals(200, service.get("/health/live").status());
            assertTrue(service.isAlive(), "no restart");
        } finally {
            server.stop();
        }
    }
}
