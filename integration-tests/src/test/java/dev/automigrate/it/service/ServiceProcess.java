package dev.automigrate.it.service;

import dev.automigrate.core.testing.HttpAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code java -jar migration-service.jar …} as a real child process, on the JDK running the tests, with a
 * clean environment (no setting inherited from the build) plus the given variables. Its stdout and stderr
 * go to one log file. Tests close it in {@code finally}: {@link #close()} kills what is still running.
 */
final class ServiceProcess implements AutoCloseable {
    static final Path JAR = Path.of(required("it.serviceJar"));
    private static final Path LOGS = Path.of(required("it.serviceLogs"));
    private static final List<String> INHERITED_SETTINGS = List.of("DATABASE_URL", "DATABASE_USER",
            "DATABASE_PASSWORD", "AUTO_MIGRATE_ON_STARTUP", "FAIL_ON_MIGRATION_ERROR", "MIGRATION_CHANGELOG",
            "MIGRATION_SEARCH_PATH", "DATABASE_CONNECT_TIMEOUT", "MIGRATION_LOCK_TIMEOUT",
            "MIGRATION_STATEMENT_LOCK_TIMEOUT", "MIGRATION_REHEARSAL_TIMEOUT", "SERVER_PORT", "EMBEDDED_DATA_DIR", "EMBEDDED_DATABASE",
            "MIGRATION_LOCK_RETRY_BUDGET");

    final String name;
    final int port;
    final Path log;
    private final Process process;
    private final long startedAtNanos = System.nanoTime();

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** The service ({@code serve}) on a free port. */
    static ServiceProcess serve(String name, Map<String, String> environment, Path workingDirectory) {
        int port = freePort();
        Map<String, String> withPort = new HashMap<>(environment);
        withPort.put("SERVER_PORT", String.valueOf(port));
        return start(name, withPort, workingDirectory, port, List.of());
    }

    /** One command of the jar's command line, run to its end. */
    static Finished command(String name, Map<String, String> environment, Path workingDirectory, String... args) {
        try (ServiceProcess command = start(name, environment, workingDirectory, -1, List.of(args))) {
            int exitCode = command.awaitExit(Duration.ofMinutes(2));
            return new Finished(exitCode, command.output());
        }
    }

    /** One command of the jar's command line, started; the caller waits for it or kills it. */
    static ServiceProcess startCommand(String name, Map<String, String> environment, Path workingDirectory,
                                       String... args) {
        return start(name, environment, workingDirectory, -1, List.of(args));
    }

    private static ServiceProcess start(String name, Map<String, String> environment, Path workingDirectory, int port,
                                        List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(args);
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            INHERITED_SETTINGS.forEach(env::remove);
            env.remove("JAVA_TOOL_OPTIONS");
            env.putAll(environment);
            return new ServiceProcess(name, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpAnswer get(String path) {
        return HttpAnswer.get(port, path);
    }

    /** Polls {@code path} until {@code until} holds; fails naming the last answer and the log when it never does. */
    HttpAnswer awaitAnswer(String path, Predicate<HttpAnswer> until, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        HttpAnswer last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (until.test(last)) {
                return last;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while waiting for " + path
                        + "; log:\n" + output());
            }
            pause(50);
        }
        throw new AssertionError(name + ": " + path + " never answered as expected within " + atMost + "; last: "
                + last + "; log:\n" + output());
    }

    /** Waits for {@code /health/ready} to answer 200 and returns how long since the process started. */
    Duration awaitReady(Duration atMost) {
        awaitAnswer("/health/ready", answer -> answer.status() == 200, atMost);
        return sinceStart();
    }

    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedAtNanos);
    }

    int awaitExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + atMost + "; log:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook runs, the connection to the database just disappears. */
    void killHard() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests through Maven");
        }
        return value;
    }

    /** How a command ended and everything it printed (stdout and stderr). */
    record Finished(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + ":\n" + output;
        }
    }
}
