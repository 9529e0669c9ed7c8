package dev.automigrate.core;

import static dev.automigrate.core.testing.PlainLiquibase.query;
import static dev.automigrate.core.testing.PlainLiquibase.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.FilteredChangeLog;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adopting a database whose schema was made without the changelog, as Liquibase's changelog-sync records it. */
class BaselineTest {
    @TempDir
    Path resources;
    private ChangeLogFolder changeLog;

    @BeforeEach
    void changeLog() {
        changeLog = new ChangeLogFolder(resources)
                .sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key)")
                .sqlChangeSet("003-tasks", "bo", "create table tasks (id bigint primary key)");
    }

    /** A database made by hand (or by Flyway, or by a script): the changelog's schema, no databasechangelog. */
    private static DatabaseUrl madeByHand(String... tables) throws Exception {
        DatabaseUrl url = PostgresFixture.newDatabase();
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("create table " + table + " (id bigint primary key)");
            }
            statement.execute("insert into crews values (1)");
        }
        return url;
    }

    private Migrations migrations(DatabaseUrl url, Map<String, String> settings) {
        return TestMigrations.of(url, resources, settings);
    }

    @Test
    void recordsWhatLiquibasesChangelogSyncRecordsAndThenEveryoneSeesItUpToDate() throws Exception {
        DatabaseUrl ours = madeByHand("crews", "agents", "tasks");
        DatabaseUrl plain = madeByHand("crews", "agents", "tasks");
        List<MigrationEvent> events = new ArrayList<>();

        BaselineResult result = migrations(ours, Map.of()).baseline(null, events::add);
        PlainLiquibase.of(resources).changelogSync(plain);

        assertEquals(rows(plain), rows(ours));
        assertEquals(List.of("001-crews", "002-agents", "003-tasks"), result.recorded().stream().map(p -> p.id()).toList());
        assertEquals(3, events.stream().filter(e -> e instanceof MigrationEvent.ChangeSetRecorded).count());
        assertTrue(result.statusAfter().upToDate(), result.statusAfter().toString());
        assertEquals(List.of("1"), query(ours, "select count(*) from crews"), "the data is untouched");

        PlainLiquibase.of(resources).update(ours); // plain Liquibase finds nothing to run: it would fail on "exists"
        assertEquals(rows(plain), rows(ours));
        MigrationResult migrate = migrations(ours, Map.of()).migrate(MigrationListener.NONE);
        assertEquals(List.of(), migrate.applied());
    }

    @Test
    void toStopsAtAChangeSetAndMigrateAppliesTheRest() throws Exception {
        DatabaseUrl url = madeByHand("crews", "agents");

        BaselineResult result = migrations(url, Map.of()).baseline("002-agents", MigrationListener.NONE);

        assertEquals(List.of("001-crews", "002-agents"), result.recorded().stream().map(p -> p.id()).toList());
        assertEquals(List.of("003-tasks"), result.statusAfter().pending().stream().map(p -> p.id()).toList());
        assertEquals(List.of("EXECUTED", "EXECUTED"), query(url, "select exectype from databasechangelog"));
        MigrationResult migrate = migrations(url, Map.of()).migrate(MigrationListener.NONE);
        assertEquals(List.of("003-tasks"), migrate.applied().stream().map(a -> a.changeSet().id()).toList());
    }

    @Test
    void theFilterSelectsWhatIsRecordedAsInLiquibase() throws Exception {
        FilteredChangeLog.write(resources);
        DatabaseUrl ours = PostgresFixture.newDatabase();
        DatabaseUrl plain = PostgresFixture.newDatabase();

        migrations(ours, FilteredChangeLog.PROD_SETTINGS).baseline(null, MigrationListener.NONE);
        FilteredChangeLog.prodLiquibase(resources).changelogSync(plain);

        assertEquals(rows(plain), rows(ours));
        DatabaseStatus status = migrations(ours, FilteredChangeLog.PROD_SETTINGS).status().status();
        assertTrue(status.upToDate(), status.toString());
    }

    @Test
    void aDatabaseThatWasMigratedAlreadyIsRefusedAndLeftAsItWas() throws Exception {
        DatabaseUrl url = PostgresFixture.newDatabase();
        changeLog.removeChangeSet("003-tasks");
        migrations(url, Map.of()).migrate(MigrationListener.NONE);
        changeLog.sqlChangeSet("003-tasks", "bo", "create table tasks (id bigint primary key)");
        List<String> before = rows(url);

        UsageException refused = assertThrows(UsageException.class,
                () -> migrations(url, Map.of()).baseline(null, MigrationListener.NONE));

        assertEquals(ExitCode.BAD_SETTINGS, refused.exitCode());
        assertTrue(refused.getMessage().contains("already records 2 changeset(s)")
                && refused.getMessage().contains("use migrate"), refused.getMessage());
        assertEquals(before, rows(url));
    }

    @Test
    void anUnknownToIsRefusedBeforeAnythingIsRecorded() throws Exception {
        DatabaseUrl url = madeByHand("crews");

        UsageException refused = assertThrows(UsageException.class,
                () -> migrations(url, Map.of()).baseline("004-nothing", MigrationListener.NONE));

        assertTrue(refused.getMessage().contains("'004-nothing'"), refused.getMessage());
        assertEquals(List.of(), query(url, "select tablename from pg_tables where tablename = 'databasechangelog'"));
    }
}
