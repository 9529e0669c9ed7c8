package dev.automigrate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.generate.ScratchServer;
import dev.automigrate.core.settings.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scratch server keeps its cluster for the next run, and never shares it or touches one it did not create. */
class ThrowawayPostgresTest {
    @TempDir
    Path cache;

    @Test
    void aSecondRunReusesTheClusterAndDropsWhatAKilledRunLeft() throws SQLException {
        try (ThrowawayPostgres first = ThrowawayPostgres.start(cache)) {
            assertTrue(first.describe().contains("data kept in " + cache.resolve("pgdata")), first.describe());
            execute(first.database("postgres"), "create database automigrate_changelog_cafe");
            execute(first.database("postgres"), "create database someone_elses");
        }
        try (ThrowawayPostgres second = ThrowawayPostgres.start(cache)) {
            assertTrue(second.describe().contains("data kept in "), second.describe());
            assertEquals(List.of("postgres", "someone_elses", "template0", "template1"), databases(second));
        }
    }

    @Test
    void aRunThatFindsTheClusterInUseStartsItsOwn() throws SQLException {
        try (ThrowawayPostgres first = ThrowawayPostgres.start(cache);
             ThrowawayPostgres second = ThrowawayPostgres.start(cache)) {
            assertTrue(second.describe().contains("a fresh data folder, as another run is using " + cache),
                    second.describe());
            execute(second.database("postgres"), "create database automigrate_schema_beef");
            assertFalse(databases(first).contains("automigrate_schema_beef"), "two servers, not one");
        }
    }

    @Test
    void aClusterItDidNotCreateIsLeftAlone() throws Exception {
        Path foreign = cache.resolve("pgdata");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("PG_VERSION"), "17\n");

        try (ScratchServer server = ServiceLoader.load(ScratchServer.Launcher.class).findFirst().orElseThrow()
                .start(cache)) {
            assertTrue(server.describe().contains("holds a PostgreSQL cluster that generate did not create"),
                    server.describe());
        }
        try (Stream<Path> files = Files.list(foreign)) {
            assertEquals(List.of("PG_VERSION"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static void execute(DatabaseUrl url, String sql) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> databases(ScratchServer server) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = connect(server.database("postgres")); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select datname from pg_database order by 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return new org.postgresql.Driver().connect(url.jdbcUrl(), url.jdbcProperties());
    }
}
