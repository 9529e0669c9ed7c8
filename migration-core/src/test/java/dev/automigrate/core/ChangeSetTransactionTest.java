package dev.automigrate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changeset and its databasechangelog row commit as one transaction, and a changeset is announced as applied
 * only once that transaction is committed: a run killed or failing at any point leaves no change without its row
 * (which the next run would apply again) and loses nothing it reported as applied.
 */
class ChangeSetTransactionTest {
    @TempDir
    Path resources;
    private DatabaseUrl url;
    private ChangeLogFolder files;

    @BeforeEach
    void freshDatabase() {
        url = PostgresFixture.newDatabase();
        files = new ChangeLogFolder(resources);
    }

    @Test
    void aChangeSetWhoseRowCannotBeWrittenLeavesNothingBehind() {
        // the first changeset makes the database refuse the second one's row, after its change has run
        files.write(ChangeLogFolder.MASTER, """
                databaseChangeLog:
                  - changeSet:
                      id: 001-guard
                      author: ana
                      changes:
                        - sql:
                            splitStatements: false
                            sql: >-
                              create function refuse_row() returns trigger language plpgsql as $$
                              begin if new.id = '002-boom' then raise exception 'no row for %', new.id; end if;
                              return new; end $$
                        - sql:
                            sql: create trigger refuse_row before insert on databasechangelog
                              for each row execute function refuse_row()
                  - changeSet:
                      id: 002-boom
                      author: ana
                      changes:
                        - sql:
                            sql: create table boom (id int)
                  - changeSet:
                      id: 003-after
                      author: bo
                      changes:
                        - sql:
                            sql: create table after_boom (id int)
                """);
        List<MigrationEvent> events = new ArrayList<>();

        MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                () -> TestMigrations.of(url, resources).migrate(events::add));

        assertEquals("002-boom", failure.changeSet().id());
        assertTrue(failure.databaseError().contains("no row for 002-boom"), failure.databaseError());
        assertEquals(List.of("001-guard"), failure.appliedBefore().stream().map(a -> a.changeSet().id()).toList());
        assertEquals(List.of(), query("select table_name from information_schema.tables "
                + "where table_name in ('boom', 'after_boom')"));
        assertEquals(List.of("001-guard"), query("select id from databasechangelog order by orderexecuted"));
        assertEquals(List.of("001-guard"), events.stream()
                .filter(e -> e instanceof MigrationEvent.ChangeSetApplied)
                .map(e -> ((MigrationEvent.ChangeSetApplied) e).changeSet().id()).toList());
        assertEquals(List.of("002-boom"), events.stream()
                .filter(e -> e instanceof MigrationEvent.ChangeSetFailed)
                .map(e -> ((MigrationEvent.ChangeSetFailed) e).changeSet().id()).toList());
    }

    /** Commits are held while a changeset runs; the announcement must still follow its commit, also outside a transaction. */
    @Test
    void aFailureOutsideATransactionSaysWhatStays() throws Exception {
        files.sqlChangeSet("001-crews", "ana", "create table crews (id int)")
                .changeSet("002-half", "002-half", "bo", "create table half (id int); select 1/0", false);
        DatabaseUrl plain = PostgresFixture.newDatabase();

        MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                () -> TestMigrations.of(url, resources).migrate(MigrationListener.NONE));
        assertThrows(Exception.class, () -> PlainLiquibase.of(resources).update(plain));
        assertEquals(PlainLiquibase.rows(plain), PlainLiquibase.rows(url), "as Liquibase: 001 recorded, 002 not");
        assertEquals(PlainLiquibase.tables(plain), PlainLiquibase.tables(url).stream()
                .filter(table -> !table.startsWith("automigrate_")).toList(), "as Liquibase: half stays");

        assertTrue(failure.getMessage().endsWith("(1 changeset before it applied; the failed changeset ran outside a "
                + "transaction (runInTransaction: false): what its statements did before the error stays, check it "
                + "before you migrate again)"), failure.getMessage());
        assertEquals(List.of("half"), query("select table_name from information_schema.tables "
                + "where table_name = 'half'"), "the statement before the error was committed");
        assertTrue(assertThrows(MigrationFailedException.class, () -> TestMigrations.of(url, resources)
                .migrate(MigrationListener.NONE)).getMessage().contains("already exists"), "it is not undone");
    }

    @Test
    void aChangeSetIsCommittedWithItsRowBeforeItIsAnnouncedAsApplied() {
        files.sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)")
                .changeSet("002-index", "002-index", "ana", "create index concurrently crews_id on crews (id)", false)
                .sqlChangeSet("003-agents", "bo", "create table agents (id bigint primary key)");
        // what another connection sees at the moment each changeset is announced: its row, and its object
        List<String> seen = new ArrayList<>();

        MigrationResult result = TestMigrations.of(url, resources).migrate(event -> {
            if (event instanceof MigrationEvent.ChangeSetApplied applied) {
                String id = applied.changeSet().id();
                String object = switch (id) {
                    case "001-crews" -> "crews";
                    case "002-index" -> "crews_id";
                    default -> "agents";
                };
                seen.add(id + " row " + query("select count(*) from databasechangelog where id = ?", id)
                        + " object " + query("select count(*) from pg_class where relname = ?", object));
            }
        });

        assertEquals(3, result.applied().size());
        assertEquals(List.of("001-crews row [1] object [1]", "002-index row [1] object [1]",
                "003-agents row [1] object [1]"), seen);
    }

    /** On a connection of its own, so only what is committed is seen. */
    private List<String> query(String sql, String... parameters) {
        List<String> values = new ArrayList<>();
        try (Connection connection = PostgresFixture.connect(url);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }
}
