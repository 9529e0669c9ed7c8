package dev.automigrate.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationListener;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The up-to-date fast path is taken only while nothing changed, and every kind of change falls back. */
class FingerprintTest {
    @TempDir
    Path resources;
    private DatabaseUrl url;
    private ChangeLogFolder changeLog;

    @BeforeEach
    void migrated() {
        url = PostgresFixture.newDatabase().withCredentials(null, "postgres");
        changeLog = new ChangeLogFolder(resources)
                .sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key)");
        migrations().migrate(MigrationListener.NONE);
    }

    private Migrations migrations() {
        return TestMigrations.of(url, resources);
    }

    /** Runs a startup and says whether the STATUS step skipped the parse. */
    private boolean startupTookFastPath(StartupReport[] report) {
        List<MigrationEvent> events = new ArrayList<>();
        report[0] = new StartupMigration(migrations()).run(events::add);
        return events.stream().filter(e -> e instanceof MigrationEvent.StepFinished f && f.step() == Step.STATUS)
                .map(e -> ((MigrationEvent.StepFinished) e).summary()).findFirst().orElseThrow().contains("not parsed");
    }

    private boolean fastPathAvailable() throws Exception {
        try (Connection connection = PostgresFixture.connect(url)) {
            return new Fingerprint(migrations().location()).upToDateStatus(connection).isPresent();
        }
    }

    @Test
    void anUnchangedChangelogIsUpToDateWithoutParsing() throws Exception {
        StartupReport[] report = new StartupReport[1];
        assertTrue(startupTookFastPath(report));
        assertEquals(Outcome.UP_TO_DATE, report[0].outcome());
        assertEquals(2, report[0].status().appliedCount());
        assertEquals("002-agents", report[0].status().latestRevision());
        assertTrue(migrations().status().status().upToDate());
        assertTrue(migrations().check(false).passed());
    }

    @Test
    void probesHashTheFoldersOnceAndSeeEveryRowChange() throws Exception {
        Fingerprint fingerprint = new Fingerprint(migrations().location());
        try (Connection connection = PostgresFixture.connect(url)) {
            DatabaseStatus first = fingerprint.upToDateStatusForProbes(connection).orElseThrow();
            assertEquals(2, first.appliedCount());
            assertEquals(first, fingerprint.upToDateStatusForProbes(connection).orElseThrow());

            // a long-running process keeps the changelog it started with: an edit on disk is for the next start
            changeLog.editChangeSet("002-agents", "002-agents", "ana", "create table agents (id int primary key)");
            assertTrue(fingerprint.upToDateStatusForProbes(connection).isPresent());
            assertFalse(fingerprint.upToDateStatus(connection).isPresent(), "a new process sees the edit");

            try (Statement statement = connection.createStatement()) {
                statement.execute("delete from databasechangelog where id = '002-agents'");
            }
            assertFalse(fingerprint.upToDateStatusForProbes(connection).isPresent(), "rows changed: full check");
        }
    }

    @Test
    void theFastPathShowsWhatTheFullCheckShows() throws Exception {
        migrations().tag("release-1");
        changeLog.sqlChangeSet("003-tasks", "bo", "create table tasks (id int)");
        migrations().migrate(MigrationListener.NONE);
        Fingerprint fingerprint = new Fingerprint(migrations().location());
        try (Connection connection = PostgresFixture.connect(url)) {
            DatabaseStatus fast = fingerprint.upToDateStatus(connection).orElseThrow();
            try (Statement statement = connection.createStatement()) {
                statement.execute("delete from " + Fingerprint.TABLE);
            }
            DatabaseStatus full = migrations().status().status();
            assertEquals(full, fast);
            assertEquals(3, fast.appliedCount());
            assertEquals("003-tasks", fast.currentRevision());
            assertEquals("release-1", fast.latestTag());
        }
    }

    @Test
    void anEditedFileFallsBackAndFindsTheDrift() throws Exception {
        changeLog.editChangeSet("002-agents", "002-agents", "ana", "create table agents (id int primary key)");
        assertFalse(fastPathAvailable());
        assertEquals(Drift.Kind.CHECKSUM_CHANGED, migrations().status().status().drift().get(0).kind());
    }

    @Test
    void anAddedFileFallsBackAndIsPending() throws Exception {
        changeLog.sqlChangeSet("003-tasks", "bo", "create table tasks (id int)");
        assertFalse(fastPathAvailable());
        StartupReport[] report = new StartupReport[1];
        assertFalse(startupTookFastPath(report));
        assertEquals(Outcome.APPLIED, report[0].outcome());
        assertTrue(startupTookFastPath(report), "recorded again after applying");
    }

    @Test
    void anUnreferencedFileAddedBesideTheChangelogAlsoFallsBack() throws Exception {
        Files.writeString(resources.resolve("db/changelog/changes/notes.txt"), "an includeAll would pick this up");
        assertFalse(fastPathAvailable());
    }

    @Test
    void aRemovedFileFallsBackAndFindsTheDrift() throws Exception {
        changeLog.removeChangeSet("002-agents");
        Files.delete(resources.resolve("db/changelog/changes/002-agents.yaml"));
        assertFalse(fastPathAvailable());
        assertEquals(Drift.Kind.MISSING_FROM_CHANGELOG, migrations().status().status().drift().get(0).kind());
    }

    @Test
    void aRowChangedBehindItsBackFallsBack() throws Exception {
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("update databasechangelog set md5sum = '9:0000' where id = '001-crews'");
        }
        assertFalse(fastPathAvailable());
        assertEquals(Drift.Kind.CHECKSUM_CHANGED, migrations().status().status().drift().get(0).kind());
    }

    @Test
    void aRunThatFindsNothingToApplyRecordsAMissingFingerprint() throws Exception {
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            // as after plain Liquibase applied everything, or an upgrade that changed how fingerprints are keyed
            statement.execute("delete from " + Fingerprint.TABLE);
        }
        assertFalse(fastPathAvailable());
        assertTrue(migrations().migrate(MigrationListener.NONE).applied().isEmpty());
        assertTrue(fastPathAvailable(), "migrate applied nothing, found the database up to date and recorded it");

        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("delete from " + Fingerprint.TABLE);
        }
        StartupReport[] report = new StartupReport[1];
        assertFalse(startupTookFastPath(report));
        assertEquals(Outcome.UP_TO_DATE, report[0].outcome());
        assertTrue(startupTookFastPath(report), "the startup recorded it too");
    }

    @Test
    void aRowDeletedBehindItsBackFallsBackAndIsPending() throws Exception {
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("delete from databasechangelog where id = '002-agents'");
        }
        assertFalse(fastPathAvailable());
        assertEquals(1, migrations().status().status().pending().size());
    }

    @Test
    void statusOnANeverMigratedDatabaseStillCreatesNothing() throws Exception {
        url = PostgresFixture.newDatabase().withCredentials(null, "postgres");
        assertFalse(fastPathAvailable());
        assertEquals(2, migrations().status().status().pending().size());
        try (Connection connection = PostgresFixture.connect(url)) {
            assertFalse(TrackingTableTestSupport.tableExists(connection, Fingerprint.TABLE));
        }
    }
}
