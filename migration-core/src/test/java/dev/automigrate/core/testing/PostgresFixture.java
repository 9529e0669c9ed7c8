package dev.automigrate.core.testing;

import dev.automigrate.core.settings.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (embedded, from Maven Central), and a fresh database per test,
 * so tests never see each other's tables.
 */
public final class PostgresFixture {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresFixture() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dataDirectory = Files.createTempDirectory("automigrate-test-pg");
                server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(true).start();
                requirePasswords(dataDirectory);
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data folder is temporary
                }
            }));
        }
        return server;
    }

    /** The embedded server trusts everyone; real servers check passwords, and so must the tests. */
    private static void requirePasswords(Path dataDirectory) throws IOException, SQLException {
        try (Connection trusted = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + server.getPort() + "/postgres", USER, "");
             Statement statement = trusted.createStatement()) {
            statement.execute("alter role postgres password 'postgres'");
            Path hba = dataDirectory.resolve("pg_hba.conf");
            Files.writeString(hba, "local all all trust\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n"
                    + "host all all ::1/128 scram-sha-256\n");
            statement.execute("select pg_reload_conf()");
        }
    }

    public static int port() {
        return server().getPort();
    }

    /** Creates an empty database and returns its address as a user would write it. */
    public static DatabaseUrl newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return DatabaseUrl.parse("postgresql://" + USER + ":" + PASSWORD + "@localhost:" + port() + "/" + name);
    }

    public static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/postgres", USER, "postgres");
    }
}
