package dev.automigrate.core.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.UsageException;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.status.AppliedChangeSet;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tag and rollback on a real PostgreSQL: by count, to a tag, to a date; never half rolled back. */
class RollbackTest {
    @TempDir
    Path resources;
    private DatabaseUrl url;
    private ChangeLogFolder changeLog;
    private final List<String> includes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        url = PostgresFixture.newDatabase().withCredentials(null, "postgres");
        changeLog = new ChangeLogFolder(resources);
        createTable("001-crews", "crews");
        createTable("002-agents", "agents");
        sqlWithRollback("003-tasks", "create table tasks (id int)", "drop table tasks");
    }

    private void createTable(String id, String table) {
        add(id, "databaseChangeLog:\n  - changeSet:\n      id: " + id + "\n      author: ana\n      changes:\n"
                + "        - createTable:\n            tableName: " + table + "\n            columns:\n"
                + "              - column:\n                  name: id\n                  type: int\n");
    }

    private void sqlWithRollback(String id, String sql, String rollback) {
        add(id, "databaseChangeLog:\n  - changeSet:\n      id: " + id + "\n      author: bo\n      changes:\n"
                + "        - sql:\n            sql: " + sql + "\n"
                + (rollback == null ? "" : "      rollback:\n        - sql:\n            sql: " + rollback + "\n"));
    }

    private void add(String id, String body) {
        changeLog.write("db/changelog/changes/" + id + ".yaml", body);
        includes.add(id);
        StringBuilder master = new StringBuilder("databaseChangeLog:\n");
        includes.forEach(i -> master.append("  - include:\n      file: changes/").append(i)
                .append(".yaml\n      relativeToChangelogFile: true\n"));
        changeLog.write(ChangeLogFolder.MASTER, master.toString());
    }

    private Migrations migrations() {
        return TestMigrations.of(url, resources);
    }

    private List<String> appliedIds() {
        return migrations().history().stream().map(AppliedChangeSet::id).toList();
    }

    @Test
    void thePlanShowsSqlAndChangesNothing() {
        migrations().migrate(MigrationListener.NONE);
        RollbackPlan plan = migrations().rollbackPlan(new RollbackTarget.Count(2));
        assertEquals(List.of("003-tasks", "002-agents"), plan.steps().stream().map(s -> s.changeSet().id()).toList());
        assertEquals(List.of("drop table tasks"), plan.steps().get(0).sql());
        assertTrue(plan.steps().get(1).sql().get(0).toUpperCase().contains("DROP TABLE"), plan.steps().get(1).sql().toString());
        assertTrue(String.join("\n", ReportText.rollbackPlan(plan)).contains("drop table tasks;"));
        assertEquals(3, appliedIds().size());
    }

    @Test
    void rollbackByCountThenMigrateReapplies() {
        migrations().migrate(MigrationListener.NONE);
        List<MigrationEvent> events = new ArrayList<>();
        List<AppliedChangeSet> undone = migrations().rollback(new RollbackTarget.Count(2), events::add);
        assertEquals(List.of("003-tasks", "002-agents"), undone.stream().map(AppliedChangeSet::id).toList());
        assertEquals(List.of("001-crews"), appliedIds());
        assertEquals(2, events.stream().filter(e -> e instanceof MigrationEvent.ChangeSetRolledBack).count());
        assertEquals(2, migrations().migrate(MigrationListener.NONE).applied().size());
        assertEquals(3, appliedIds().size());
    }

    @Test
    void rollbackToATagKeepsTheTaggedChangeSet() {
        migrations().migrate(MigrationListener.NONE);
        migrations().rollback(new RollbackTarget.Count(2), MigrationListener.NONE);
        migrations().tag("v1.0");
        migrations().migrate(MigrationListener.NONE);
        assertEquals("v1.0", migrations().history().get(0).tag());
        migrations().rollback(new RollbackTarget.ToTag("v1.0"), MigrationListener.NONE);
        assertEquals(List.of("001-crews"), appliedIds());
        UsageException unknown = assertThrows(UsageException.class,
                () -> migrations().rollback(new RollbackTarget.ToTag("v9"), MigrationListener.NONE));
        assertTrue(unknown.getMessage().contains("v9"));
    }

    @Test
    void rollbackToADate() throws Exception {
        migrations().rollback(new RollbackTarget.Count(1), MigrationListener.NONE);
        migrations().migrate(MigrationListener.NONE);
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("update databasechangelog set dateexecuted = '2026-01-01 00:00:00' where id = '001-crews'");
        }
        migrations().rollback(new RollbackTarget.ToDate(Instant.parse("2026-06-01T00:00:00Z")), MigrationListener.NONE);
        assertEquals(List.of("001-crews"), appliedIds());
    }

    @Test
    void aChangeSetWithoutRollbackStopsItBeforeAnythingRuns() {
        sqlWithRollback("004-no-undo", "create table no_undo (id int)", null);
        migrations().migrate(MigrationListener.NONE);
        UsageException error = assertThrows(UsageException.class,
                () -> migrations().rollback(new RollbackTarget.Count(3), MigrationListener.NONE));
        assertTrue(error.getMessage().contains("004-no-undo"), error.getMessage());
        assertEquals(4, appliedIds().size());
        assertEquals(1, migrations().rollbackPlan(new RollbackTarget.Count(3)).blocked().size());
    }
}
