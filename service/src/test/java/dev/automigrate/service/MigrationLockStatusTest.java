package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.database.MigrationLock;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.PostgresFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another replica holds the migration lock: /db-status names it, and status and check do not wait for it. */
class MigrationLockStatusTest {
    @TempDir
    Path folder;

    @Test
    void dbStatusNamesTheHolderWhileOneExistsAndStatusAndCheckTakeNoLock() throws Exception {
        DatabaseUrl database = PostgresFixture.newDatabase();
        String url = database.toString().replace("***", "postgres");
        TestChangeLogs.write(folder, "create table crews (id bigint primary key)");
        try (RunningService service = RunningService.start(RunningService.settings(folder, url, true, true))) {
            service.migrate();
            assertTrue(service.get("/db-status").body().contains("\"lock\":{\"held\":false,\"holder\":null}"),
                    () -> service.get("/db-status").body());

            try (Connection otherReplica = connectAs(database, "other-replica")) {
                MigrationLock lock = MigrationLock.forCurrentSchema(otherReplica);
                assertTrue(lock.tryAcquire(otherReplica));
                // the shared probe sees the lock within about a second; readiness below asks the same probe
                String body = service.await("/db-status", answer -> answer.body().contains("\"lock\":{\"held\":true,")).body();
                assertTrue(body.contains("\"lock\":{\"held\":true,\"holder\":\"pid "), body);
                assertTrue(body.contains("(other-replica, 127.0.0.1, since "), body);
                assertEquals(200, service.get("/health/ready").status(), "a held lock alone does not make a replica unready");

                Map<String, String> environment = new HashMap<>(Map.of("DATABASE_URL", url,
                        "MIGRATION_SEARCH_PATH", folder.toString(), "MIGRATION_CHANGELOG", TestChangeLogs.NAME,
                        "MIGRATION_LOCK_TIMEOUT", "1s"));
                CommandLineRun status = CommandLineRun.run(environment, folder, "status");
                assertEquals(0, status.exitCode(), status::toString);
                CommandLineRun check = CommandLineRun.run(environment, folder, "check");
                assertEquals(0, check.exitCode(), check::toString);
                assertTrue(lock.holder(otherReplica).orElseThrow().applicationName().equals("other-replica"),
                        "the lock is still the other replica's");
                lock.release(otherReplica);
            }
            service.await("/db-status", answer -> answer.body().contains("\"lock\":{\"held\":false,\"holder\":null}"));
        }
    }

    private static Connection connectAs(DatabaseUrl database, String applicationName) throws Exception {
        Properties properties = database.jdbcProperties();
        properties.setProperty("ApplicationName", applicationName);
        return java.sql.DriverManager.getConnection(database.jdbcUrl(), properties);
    }
}
