package dev.automigrate.it.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.database.MigrationLock;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.DatabaseState;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --rehearse} in a real process, killed with -9 in the middle of its transaction. */
class RehearsalIT {
    @TempDir
    Path folder;

    @Test
    void aRehearsalKilledMidwayLeavesNothingAndTheMigrationLockFree() throws Exception {
        Database database = Database.create();
        ChangeLogFolder changeLog = new ChangeLogFolder(folder)
                .sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key, name text)");
        Map<String, String> environment = Map.of("DATABASE_URL", database.address(),
                "MIGRATION_SEARCH_PATH", folder.toString(), "EMBEDDED_DATABASE", "false");
        ServiceProcess.Finished migrate = ServiceProcess.command("rehearsal-migrate", environment, folder, "migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        try (Connection connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute("insert into crews values (1, 'blue'), (2, 'red')");
        }
        changeLog.sqlChangeSet("002-budget", "bo", "alter table crews add column budget numeric default 0")
                .sqlChangeSet("003-slow", "bo", "select pg_sleep(600)");
        String before = DatabaseState.of(database.url());

        try (ServiceProcess rehearsal = ServiceProcess.startCommand("rehearsal-killed", environment, folder,
                "check", "--rehearse")) {
            long pid = awaitSleepingRehearsal(database, rehearsal);
            // mid-way: 002 ran in the rehearsal's open transaction, which holds its lock and the migration lock
            assertEquals(1, database.count("select count(*) from pg_locks l join pg_class c on c.oid = l.relation "
                    + "where c.relname = 'crews' and l.mode = 'AccessExclusiveLock' and l.pid = " + pid));
            try (Connection connection = database.connect()) {
                assertTrue(MigrationLock.forCurrentSchema(connection).holder(connection).isPresent());
            }
            rehearsal.killHard();
        }

        awaitLockReleased(database, Duration.ofMinutes(1));
        assertEquals(before, DatabaseState.of(database.url()), "the killed rehearsal left nothing behind");
    }

    /** Polls until the rehearsal's session runs 003's pg_sleep, after 002; returns that session's pid. */
    private static long awaitSleepingRehearsal(Database database, ServiceProcess rehearsal) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String sleeping = "from pg_stat_activity where datname = '" + database.url().database()
                + "' and query like '%pg_sleep(600)%' and state = 'active' and pid <> pg_backend_pid()";
        while (System.nanoTime() < deadline) {
            if (database.count("select count(*) " + sleeping) > 0) {
                return database.count("select pid " + sleeping);
            }
            assertTrue(rehearsal.isAlive(), () -> "the rehearsal exited early:\n" + rehearsal.output());
            Thread.sleep(20);
        }
        throw new AssertionError("the slow changeset was never rehearsed:\n" + rehearsal.output());
    }

    private static void awaitLockReleased(Database database, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (Connection connection = database.connect()) {
            MigrationLock lock = MigrationLock.forCurrentSchema(connection);
            while (lock.holder(connection).isPresent()) {
                assertTrue(System.nanoTime() < deadline, () -> "the killed rehearsal's lock was still held after " + atMost);
                Thread.sleep(20);
            }
        }
    }
}
