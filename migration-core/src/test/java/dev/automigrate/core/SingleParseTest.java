package dev.automigrate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.StartupMigration;
import dev.automigrate.core.check.CheckReport;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.CountingChangeLogParser;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run parses the changelog once: the status, Liquibase's update, the SQL plan and the verification all use
 * that one parse, and only as much of it as changed since the last run. The master is read by a parser that counts
 * its parses (registered as Liquibase finds parsers).
 */
class SingleParseTest {
    private static final String MASTER = "db/changelog/master" + CountingChangeLogParser.SUFFIX;

    @TempDir
    Path resources;
    private DatabaseUrl url;

    @BeforeEach
    void setUp() throws IOException {
        url = PostgresFixture.newDatabase();
        new ChangeLogFolder(resources)
                .sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key, name text)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key)")
                .sqlChangeSet("003-tasks", "bo", "create table tasks (id bigint primary key)");
        // the same includes, under a name only the counting parser reads
        Files.copy(resources.resolve(ChangeLogFolder.MASTER), resources.resolve(MASTER));
        CountingChangeLogParser.takeCount();
    }

    private Settings settings(Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("MIGRATION_CHANGELOG", MASTER));
        all.putAll(extra);
        return TestMigrations.settings(url, resources, all);
    }

    @Test
    void migrateParsesOnceAndAnUpToDateRunNotAtAll() {
        MigrationResult result = new Migrations(settings(Map.of()), null).migrate(MigrationListener.NONE);
        assertEquals(3, result.applied().size());
        assertTrue(result.statusAfter().upToDate());
        assertEquals(1, CountingChangeLogParser.takeCount());

        assertTrue(new Migrations(settings(Map.of()), null).migrate(MigrationListener.NONE).statusAfter().upToDate());
        assertEquals(0, CountingChangeLogParser.takeCount());
    }

    /**
     * Issue 15's runAlways changesets run at every migrate, so the fast path cannot answer for a changelog that has
     * them; the parse is then only theirs: every other changeset stands in from the records of the last run.
     */
    @Test
    void anUpToDateRunWithRunAlwaysChangeSetsParsesOnlyThoseAndRunsThemAsLiquibaseDoes() throws Exception {
        ChangeLogFolder files = new ChangeLogFolder(resources);
        StringBuilder history = new StringBuilder("databaseChangeLog:\n");
        for (int i = 1; i <= 12; i++) {
            history.append(changeSet("h" + i, false, "create table h" + i + " (id int)"));
        }
        history.append(changeSet("count-runs", true, "update runs set n = n + 1"));
        files.write("db/changelog/history" + CountingChangeLogParser.SUFFIX, history.toString());
        files.write("db/changelog/runs" + CountingChangeLogParser.SUFFIX, "databaseChangeLog:\n"
                + changeSet("runs", false, "create table runs (n int); insert into runs values (0)"));
        files.write(MASTER, """
                databaseChangeLog:
                  - include: {file: runs.counted.yaml, relativeToChangelogFile: true}
                  - include: {file: history.counted.yaml, relativeToChangelogFile: true}
                """);
        DatabaseUrl plain = PostgresFixture.newDatabase();
        PlainLiquibase liquibase = new PlainLiquibase(resources, MASTER, null, null, Map.of());

        assertEquals(14, new Migrations(settings(Map.of()), null).migrate(MigrationListener.NONE).applied().size());
        assertEquals(3, CountingChangeLogParser.takeCount());
        assertEquals(14, CountingChangeLogParser.takeChangeSetCount());
        liquibase.update(plain);
        CountingChangeLogParser.takeCount();
        CountingChangeLogParser.takeChangeSetCount();

        for (int run = 2; run <= 3; run++) {
            List<MigrationEvent> events = new java.util.ArrayList<>();
            MigrationResult again = new Migrations(settings(Map.of()), null).migrate(events::add);
            assertTrue(events.stream().anyMatch(e -> e instanceof MigrationEvent.ChangeLogRead read
                    && read.changeSets() == 14 && read.fromRecords() == 13), events.toString());
            assertEquals(List.of("count-runs"), again.applied().stream().map(a -> a.changeSet().id()).toList());
            // the one item of history.counted.yaml; the master is read against its record, runs.counted.yaml not at all
            assertEquals(1, CountingChangeLogParser.takeCount(), "files parsed");
            assertEquals(1, CountingChangeLogParser.takeChangeSetCount(), "changesets parsed");
            liquibase.update(plain);
            assertEquals(PlainLiquibase.rows(plain), PlainLiquibase.rows(url));
            assertEquals(List.of(String.valueOf(run)), PlainLiquibase.query(url, "select n from runs"));
            assertEquals(PlainLiquibase.query(plain, "select n from runs"), PlainLiquibase.query(url, "select n from runs"));
            CountingChangeLogParser.takeCount();
            CountingChangeLogParser.takeChangeSetCount();
        }
    }

    /** Status and check with a pending changeset, and the startup that applies it, parse only that changeset. */
    @Test
    void afterANewChangeSetStatusCheckAndTheStartupParseOnlyIt() throws Exception {
        ChangeLogFolder files = new ChangeLogFolder(resources);
        StringBuilder history = new StringBuilder("databaseChangeLog:\n");
        for (int i = 1; i <= 10; i++) {
            history.append(changeSet("h" + i, false, "create table h" + i + " (id int)"));
        }
        files.write("db/changelog/history" + CountingChangeLogParser.SUFFIX, history.toString());
        files.write(MASTER, "databaseChangeLog:\n  - include: {file: history.counted.yaml, relativeToChangelogFile: true}\n");
        assertEquals(Outcome.APPLIED, new StartupMigration(new Migrations(settings(Map.of()), null))
                .run(MigrationListener.NONE).outcome());
        CountingChangeLogParser.takeCount();
        CountingChangeLogParser.takeChangeSetCount();

        files.write("db/changelog/next" + CountingChangeLogParser.SUFFIX, "databaseChangeLog:\n"
                + changeSet("next", false, "create table next_one (id int)"));
        files.write(MASTER, "databaseChangeLog:\n  - include: {file: history.counted.yaml, relativeToChangelogFile: true}\n"
                + "  - include: {file: next.counted.yaml, relativeToChangelogFile: true}\n");
        assertEquals(List.of("next"), new Migrations(settings(Map.of()), null).status().status().pending().stream()
                .map(p -> p.id()).toList());
        assertParsedOnlyTheNewChangeSet();
        CheckReport check = new Migrations(settings(Map.of()), null).check(false);
        assertEquals(ExitCode.PENDING, check.verdict());
        assertEquals(List.of("next"), check.plan().stream().map(p -> p.changeSet().id()).toList());
        assertTrue(check.plan().get(0).sql().toString().contains("next_one"), check.plan().toString());
        assertParsedOnlyTheNewChangeSet();
        StartupReport startup = new StartupMigration(new Migrations(settings(Map.of()), null)).run(MigrationListener.NONE);
        assertEquals(List.of("next"), startup.applied().stream().map(a -> a.changeSet().id()).toList());
        assertParsedOnlyTheNewChangeSet();
    }

    /**
     * The new file; the master (its new include goes through Liquibase's include) is read against its record, the
     * file of ten applied changesets not at all.
     */
    private static void assertParsedOnlyTheNewChangeSet() {
        assertEquals(1, CountingChangeLogParser.takeCount(), "files parsed");
        assertEquals(1, CountingChangeLogParser.takeChangeSetCount(), "changesets parsed");
    }

    private static String changeSet(String id, boolean runAlways, String sql) {
        return "  - changeSet:\n      id: " + id + "\n      author: ana\n" + (runAlways ? "      runAlways: true\n" : "")
                + "      changes:\n        - sql: " + sql + "\n";
    }

    @Test
    void theStartupSequenceParsesOnce() {
        StartupReport report = new StartupMigration(new Migrations(settings(Map.of()), null))
                .run(MigrationListener.NONE);
        assertEquals(Outcome.APPLIED, report.outcome());
        assertEquals(3, report.applied().size());
        assertEquals(1, CountingChangeLogParser.takeCount());
    }

    @Test
    void checkPlansTheSqlOnTheSameParse() {
        CheckReport report = new Migrations(settings(Map.of()), null).check(false);
        assertEquals(ExitCode.PENDING, report.verdict());
        assertEquals(List.of("001-crews", "002-agents", "003-tasks"),
                report.plan().stream().map(p -> p.changeSet().id()).toList());
        assertEquals(1, CountingChangeLogParser.takeCount());

        StartupReport checkOnly = new StartupMigration(new Migrations(
                settings(Map.of("AUTO_MIGRATE_ON_STARTUP", "false")), null)).run(MigrationListener.NONE);
        assertEquals(Outcome.CHECKED, checkOnly.outcome());
        assertEquals(1, CountingChangeLogParser.takeCount());
    }
}
