package dev.automigrate.it.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A second embedded PostgreSQL on a fixed port whose data survives a stop, so a test can take the
 * database away and bring it back where the service expects it.
 */
final class StoppableServer implements AutoCloseable {
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres running;

    StoppableServer(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Where the service finds it; this server trusts local connections, so any password is accepted. */
    String address() {
        return "postgresql://postgres:unused@localhost:" + port + "/postgres";
    }

    synchronized StoppableServer start() {
        if (running == null) {
            try {
                running = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    synchronized void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                running = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
