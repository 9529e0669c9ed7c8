package dev.automigrate.service;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.settings.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * A real PostgreSQL started from the service's own jar, for development: its data persists in a
 * folder, so a second start finds the schema as the first one left it.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw ServiceSettingsException.badValue(ServiceSetting.EMBEDDED_DATA_DIR, dataDirectory.toString(),
                    "cannot be created: " + e.getMessage());
        }
        if (!Files.isWritable(dataDirectory)) {
            throw ServiceSettingsException.badValue(ServiceSetting.EMBEDDED_DATA_DIR, dataDirectory.toString(),
                    "is not writable");
        }
        long start = System.nanoTime();
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, dataDirectory);
            LOG.warning("DATABASE_URL is not set: started an embedded PostgreSQL on port " + postgres.getPort()
                    + " with its data in " + dataDirectory + " (" + (System.nanoTime() - start) / 1_000_000
                    + " ms). This is for development only: set DATABASE_URL, and EMBEDDED_DATABASE=false, in production.");
            return database;
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDirectory, "the data folder is already locked by this process");
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("could not lock")) {
                throw inUse(dataDirectory, e.getMessage());
            }
            throw cannotStart(dataDirectory, e);
        } catch (IOException | RuntimeException e) {
            throw cannotStart(dataDirectory, e);
        }
    }

    private static ServiceSettingsException inUse(Path dataDirectory, String detail) {
        return new ServiceSettingsException(ExitCode.DATABASE_UNREACHABLE, "EMBEDDED_DATA_DIR='" + dataDirectory
                + "': another service or command is already using this embedded database (" + detail
                + "); stop it, or set EMBEDDED_DATA_DIR to another folder, or DATABASE_URL to a server");
    }

    private static ServiceSettingsException cannotStart(Path dataDirectory, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ServiceSettingsException(ExitCode.DATABASE_UNREACHABLE, "The embedded PostgreSQL in "
                + dataDirectory + " (EMBEDDED_DATA_DIR) did not start: " + root.getMessage());
    }

    /** The address of the embedded server's {@code postgres} database; it trusts local connections. */
    public DatabaseUrl url() {
        return DatabaseUrl.parse("postgresql://postgres@localhost:" + postgres.getPort() + "/postgres");
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warning("The embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
