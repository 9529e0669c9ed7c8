package dev.automigrate.it.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.database.MigrationLock;
import dev.automigrate.core.testing.ChangeLogFolder;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real service processes started together, and killed with -9 in the middle of a changeset. */
class ReplicasIT {
    private static final int REPLICAS = 8;
    private static final int CHANGESETS = 20;
    private static final Pattern APPLIED = Pattern.compile("Startup migration (APPLIED|UP_TO_DATE): (\\d+) changeset");

    @TempDir
    Path folder;

    @Test
    void eightReplicasStartingTogetherApplyEachChangeSetOnceAndAllBecomeReady() {
        Database database = Database.create();
        ChangeLogFolder changeLog = new ChangeLogFolder(folder);
        for (int i = 1; i <= CHANGESETS; i++) {
            String table = "t" + i;
            changeLog.sqlChangeSet(String.format("%03d-%s", i, table), "replicas",
                    "create table " + table + " (id bigint primary key); insert into " + table + " values (" + i + ")");
        }
        Map<String, String> environment = Map.of("DATABASE_URL", database.address(),
                "MIGRATION_SEARCH_PATH", folder.toString());

        List<ServiceProcess> replicas = new ArrayList<>();
        try {
            for (int i = 1; i <= REPLICAS; i++) {
                replicas.add(ServiceProcess.serve("replica-" + i, environment, folder));
            }
            int appliedByAll = 0;
            List<String> readyAfter = new ArrayList<>();
            for (ServiceProcess replica : replicas) {
                Duration ready = replica.awaitReady(Duration.ofMinutes(3));
                readyAfter.add(replica.name + " " + ready.toMillis() + " ms");
            }
            for (ServiceProcess replica : replicas) {
                String log = replica.output();
                assertTrue(replica.isAlive(), replica.name + " exited:\n" + log);
                assertFalse(log.contains(" SEVERE ") || log.contains(" ERROR ") || log.contains("Exception"),
                        replica.name + " reported an error:\n" + log);
                Matcher applied = APPLIED.matcher(log);
                assertTrue(applied.find(), replica.name + " logged no outcome:\n" + log);
                appliedByAll += Integer.parseInt(applied.group(2));
            }
            System.out.println("[replicas] start to ready: " + String.join(", ", readyAfter));

            assertEquals(CHANGESETS, appliedByAll, "the replicas together applied each changeset once");
            assertEquals(CHANGESETS, database.count("select count(*) from databasechangelog"));
            assertEquals(CHANGESETS, database.count("select count(distinct id) from databasechangelog"));
            for (int i = 1; i <= CHANGESETS; i++) {
                assertEquals(1, database.count("select count(*) from t" + i), "t" + i + " has its one row");
            }
            assertFalse(database.tables().contains("databasechangeloglock"), "the advisory lock needs no lock table");
        } finally {
            replicas.forEach(ServiceProcess::close);
        }
    }

    @Test
    void aProcessKilledInTheMiddleOfAChangeSetLeavesNoTraceAndTheNextStartCompletes() throws Exception {
        int rounds = 5;
        List<String> recoveries = new ArrayList<>();
        List<String> releases = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Database database = Database.create();
            Path project = folder.resolve("round-" + round);
            new ChangeLogFolder(project)
                    .sqlChangeSet("001-crews", "replicas", "create table crews (id bigint primary key)")
                    .sqlChangeSet("002-slow", "replicas",
                            "create table half_done (id bigint); select pg_sleep(600)")
                    .sqlChangeSet("003-agents", "replicas", "create table agents (id bigint primary key)");
            Map<String, String> environment = Map.of("DATABASE_URL", database.address(),
                    "MIGRATION_SEARCH_PATH", project.toString());

            try (ServiceProcess victim = ServiceProcess.serve("killed-" + round, environment, project)) {
                awaitSleepingChangeSet(database, victim);
                victim.killHard();
            }
            long killedAt = System.nanoTime();
            // far below the 600 s the statement would run: the server notices the vanished client and ends it
            awaitLockReleased(database, Duration.ofMinutes(1));
            releases.add((System.nanoTime() - killedAt) / 1_000_000 + " ms");
            assertFalse(database.tables().contains("half_done"), "the killed changeset's DDL was rolled back");
            assertEquals(List.of("001-crews"), database.strings("select id from databasechangelog"));
            // the next start must not need anyone to release a lock, and must not see the half-done changeset
            Path shortened = project.resolve("db/changelog/changes/002-slow.yaml");
            java.nio.file.Files.writeString(shortened, java.nio.file.Files.readString(shortened)
                    .replace("pg_sleep(600)", "pg_sleep(0)"));
            try (ServiceProcess next = ServiceProcess.serve("after-kill-" + round, environment, project)) {
                Duration ready = next.awaitReady(Duration.ofMinutes(2));
                recoveries.add(ready.toMillis() + " ms");
                String log = next.output();
                assertTrue(log.contains("Startup migration APPLIED: 2 changeset(s) applied"), log);
                assertFalse(log.contains("SEVERE"), log);
            }
            assertEquals(List.of("001-crews", "002-slow", "003-agents"),
                    database.strings("select id from databasechangelog order by orderexecuted"));
            assertEquals(List.of("agents", "crews", "databasechangelog", "half_done"),
                    database.tables().stream().filter(table -> !table.startsWith("automigrate")).toList());
        }
        System.out.println("[kill -9] " + rounds + " kills in the middle of a changeset; lock free after " + releases
                + "; next start to ready: " + recoveries);
    }

    private static void awaitLockReleased(Database database, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (Connection connection = database.connect()) {
            MigrationLock lock = MigrationLock.forCurrentSchema(connection);
            while (lock.holder(connection).isPresent()) {
                assertTrue(System.nanoTime() < deadline, () -> "the killed instance's lock was still held after " + atMost);
                Thread.sleep(20);
            }
        }
    }

    /** Polls until the victim's migration session runs the pg_sleep of 002-slow, after its DDL. */
    private static void awaitSleepingChangeSet(Database database, ServiceProcess victim) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (database.count("select count(*) from pg_stat_activity where datname = '" + database.url().database()
                    + "' and query like '%pg_sleep(600)%' and state = 'active' and pid <> pg_backend_pid()") > 0) {
                // the DDL ran in the same, still open, transaction: nothing of it may be visible outside
                assertFalse(database.tables().contains("half_done"));
                assertEquals(List.of("001-crews"), database.strings("select id from databasechangelog"));
                return;
            }
            assertTrue(victim.isAlive(), () -> "the victim exited early:\n" + victim.output());
            Thread.sleep(20);
        }
        throw new AssertionError("the slow changeset never started:\n" + victim.output());
    }
}
