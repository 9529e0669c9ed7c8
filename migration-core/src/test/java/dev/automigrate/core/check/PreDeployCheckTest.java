package dev.automigrate.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationFailedException;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.MigrationResult;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.status.SchemaCatalog;
import dev.automigrate.core.status.StatusReport;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check on a real PostgreSQL: the plan, the rules on Liquibase-generated SQL, and concurrent indexes. */
class PreDeployCheckTest {
    @TempDir
    Path resources;
    private DatabaseUrl url;
    private ChangeLogFolder changeLog;

    @BeforeEach
    void setUp() {
        url = PostgresFixture.newDatabase().withCredentials(null, "postgres");
        changeLog = new ChangeLogFolder(resources)
                .sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key, name text, legacy text)");
        migrations().migrate(MigrationListener.NONE);
    }

    private Migrations migrations() {
        return TestMigrations.of(url, resources);
    }

    @Test
    void thePlanHoldsLiquibaseGeneratedSqlAndTheRulesReadIt() {
        changeLog.write("db/changelog/changes/002-drop-legacy.yaml", "databaseChangeLog:\n  - changeSet:\n"
                + "      id: 002-drop-legacy\n      author: bo\n      changes:\n        - dropColumn:\n"
                + "            tableName: crews\n            columnName: legacy\n");
        changeLog.write(ChangeLogFolder.MASTER, "databaseChangeLog:\n"
                + "  - include:\n      file: changes/001-crews.yaml\n      relativeToChangelogFile: true\n"
                + "  - include:\n      file: changes/002-drop-legacy.yaml\n      relativeToChangelogFile: true\n");

        CheckReport report = migrations().check(true);
        assertEquals(ExitCode.PENDING, report.verdict());
        assertEquals(1, report.plan().size());
        assertTrue(report.plan().get(0).sql().get(0).contains("DROP COLUMN legacy"), report.plan().get(0).sql().toString());
        assertEquals("drop-column", report.findings().get(0).rule().id());
        assertTrue(report.toJson().contains("\"rule\":\"drop-column\""), report.toJson());
        assertTrue(String.join("\n", ReportText.check(report)).contains("002-drop-legacy"));
        assertEquals(1, migrations().history().size(), "check applied nothing");
    }

    @Test
    void anAcceptedFindingPasses() {
        changeLog.write("db/changelog/changes/002-drop-legacy.yaml", "databaseChangeLog:\n  - changeSet:\n"
                + "      id: 002-drop-legacy\n      author: bo\n"
                + "      comment: \"automigrate:allow drop-column nothing reads it since v1.2\"\n"
                + "      changes:\n        - dropColumn:\n            tableName: crews\n            columnName: legacy\n");
        changeLog.write(ChangeLogFolder.MASTER, "databaseChangeLog:\n"
                + "  - include:\n      file: changes/001-crews.yaml\n      relativeToChangelogFile: true\n"
                + "  - include:\n      file: changes/002-drop-legacy.yaml\n      relativeToChangelogFile: true\n");
        CheckReport report = migrations().check(true);
        assertEquals(ExitCode.SUCCESS, report.verdict(), report.reasons().toString());
        assertTrue(report.findings().get(0).accepted());
        assertTrue(report.toJson().contains("\"acceptance\":\"nothing reads it since v1.2\""), report.toJson());
    }

    @Test
    void aConcurrentIndexMigratesWhileOtherConnectionsWrite() throws Exception {
        changeLog.changeSet("002-index", "002-index", "bo",
                "create index concurrently idx_crews_name on crews (name)", false);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        Thread writer = new Thread(() -> {
            try (Connection connection = PostgresFixture.connect(url);
                 PreparedStatement insert = connection.prepareStatement("insert into crews (id, name) values (?, ?)")) {
                while (writing.get()) {
                    int id = writes.incrementAndGet();
                    insert.setLong(1, id);
                    insert.setString(2, "crew " + id);
                    insert.executeUpdate();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        try {
            while (writes.get() < 50) {
                Thread.sleep(10);
            }
            assertEquals(List.of(), migrations().check(true).findings());
            MigrationResult result = migrations().migrate(MigrationListener.NONE);
            assertEquals(1, result.applied().size());
        } finally {
            writing.set(false);
            writer.join();
        }
        try (Connection connection = PostgresFixture.connect(url)) {
            assertEquals(List.of(), SchemaCatalog.invalidIndexes(connection));
            assertTrue(SchemaCatalog.tables(connection).contains("crews"));
        }
    }

    @Test
    void aFailedConcurrentIndexIsReportedWithItsRepair() throws Exception {
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("insert into crews (id, name) values (1, 'a'), (2, 'a')");
        }
        changeLog.changeSet("002-unique", "002-unique", "bo",
                "create unique index concurrently idx_crews_name on crews (name)", false);
        assertThrows(MigrationFailedException.class, () -> migrations().migrate(MigrationListener.NONE));

        StatusReport status = migrations().status();
        assertEquals(List.of("idx_crews_name"), status.invalidIndexes());
        assertTrue(String.join("\n", ReportText.status(status)).contains("DROP INDEX CONCURRENTLY idx_crews_name"));
        CheckReport check = migrations().check(false);
        assertTrue(check.toJson().contains("\"invalidIndexes\":[\"idx_crews_name\"]"), check.toJson());
        assertFalse(check.passed());
    }
}
