package dev.automigrate.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationFailedException;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.MigrationResult;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.StartupMigration;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.startup.Step;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import dev.automigrate.core.testing.TrackingTableTestSupport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advisory migration lock: no lock table, no stuck lock, waiting instances see who holds it. */
class MigrationLockTest {
    @TempDir
    Path resources;
    private DatabaseUrl url;

    @BeforeEach
    void setUp() {
        url = PostgresFixture.newDatabase().withCredentials(null, "postgres");
        ChangeLogFolder changeLog = new ChangeLogFolder(resources);
        for (int i = 1; i <= 10; i++) {
            changeLog.sqlChangeSet(String.format("%03d-table", i), "ana", "create table t" + i + " (id int)");
        }
    }

    private Migrations migrations(Map<String, String> extra) {
        return TestMigrations.of(url, resources, extra);
    }

    @Test
    void concurrentMigrationsApplyEachChangeSetOnceAndUseNoLockTable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<MigrationResult>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit(() -> migrations(Map.of("MIGRATION_LOCK_TIMEOUT", "60s")).migrate(MigrationListener.NONE)));
        }
        int applied = 0;
        for (Future<MigrationResult> run : runs) {
            MigrationResult result = run.get();
            applied += result.applied().size();
            assertTrue(result.statusAfter().upToDate());
        }
        pool.shutdown();
        assertEquals(10, applied);
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select count(*), count(distinct id) from databasechangelog")) {
            rows.next();
            assertEquals(10, rows.getInt(1));
            assertEquals(10, rows.getInt(2));
            assertFalse(TrackingTableTestSupport.tableExists(connection, "databasechangeloglock"));
        }
    }

    @Test
    void aWaitingInstanceNamesTheHolderAndGivesUpAfterTheTimeout() throws Exception {
        try (Connection holder = PostgresFixture.connect(url)) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("set application_name = 'other-replica'");
            }
            MigrationLock lock = MigrationLock.forCurrentSchema(holder);
            assertTrue(lock.tryAcquire(holder));
            LockHolder seen = lock.holder(holder).orElseThrow();
            assertEquals("other-replica", seen.applicationName());
            assertNotNull(seen.since());

            List<MigrationEvent> events = Collections.synchronizedList(new ArrayList<>());
            MigrationFailedException error = assertThrows(MigrationFailedException.class,
                    () -> migrations(Map.of("MIGRATION_LOCK_TIMEOUT", "1s")).migrate(events::add));
            assertTrue(error.getMessage().contains("other-replica"), error.getMessage());
            assertTrue(error.getMessage().contains("MIGRATION_LOCK_TIMEOUT"), error.getMessage());
            MigrationEvent.LockWaiting waiting = events.stream().filter(e -> e instanceof MigrationEvent.LockWaiting)
                    .map(e -> (MigrationEvent.LockWaiting) e).findFirst().orElseThrow();
            assertTrue(waiting.holder().contains("other-replica"), waiting.holder());
            assertEquals(10, migrations(Map.of()).status().status().pending().size());
        }
        // the holder's connection is gone: the server released its lock, no manual step needed
        assertEquals(10, migrations(Map.of()).migrate(MigrationListener.NONE).applied().size());
    }

    @Test
    void theLockIsHeldUntilTheRunHasVerifiedAndIsReleasedAfter() throws Exception {
        List<Boolean> heldWhileVerifying = new ArrayList<>();
        StartupReport report = new StartupMigration(migrations(Map.of())).run(event -> {
            if (event instanceof MigrationEvent.StepStarted started && started.step() == Step.VERIFY) {
                heldWhileVerifying.add(lockHeld());
            }
        });
        assertEquals(Outcome.APPLIED, report.outcome());
        assertEquals(List.of(true), heldWhileVerifying);
        assertFalse(lockHeld());
    }

    private boolean lockHeld() {
        try (Connection other = PostgresFixture.connect(url)) {
            return MigrationLock.forCurrentSchema(other).holder(other).isPresent();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChangeSetBlockedByLiveTrafficFailsCleanlyAfterTheStatementLockTimeout() throws Exception {
        migrations(Map.of()).migrate(MigrationListener.NONE);
        new ChangeLogFolder(resources).write("unused", "");
        ChangeLogFolder more = new ChangeLogFolder(resources);
        for (int i = 1; i <= 10; i++) {
            more.sqlChangeSet(String.format("%03d-table", i), "ana", "create table t" + i + " (id int)");
        }
        more.sqlChangeSet("011-alter", "bo", "alter table t1 add column name text");
        try (Connection traffic = PostgresFixture.connect(url)) {
            traffic.setAutoCommit(false);
            try (Statement statement = traffic.createStatement()) {
                statement.execute("select * from t1");
            }
            MigrationFailedException error = assertThrows(MigrationFailedException.class,
                    () -> migrations(Map.of("MIGRATION_STATEMENT_LOCK_TIMEOUT", "300ms",
                            "MIGRATION_LOCK_RETRY_BUDGET", "0")).migrate(MigrationListener.NONE));
            assertEquals("011-alter", error.changeSet().id());
            assertTrue(error.getMessage().contains("lock timeout"), error.getMessage());
            assertTrue(error.getMessage().contains("MIGRATION_STATEMENT_LOCK_TIMEOUT"), error.getMessage());
            traffic.rollback();
        }
        assertEquals(1, migrations(Map.of()).migrate(MigrationListener.NONE).applied().size());
    }
}
