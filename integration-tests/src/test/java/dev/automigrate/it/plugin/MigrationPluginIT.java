package dev.automigrate.it.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real Maven runs the plugin's goals on a fixture project (two changesets: crews, agents) against an
 * embedded PostgreSQL. Every run is also checked for the database password ({@link ChildMaven}).
 */
class MigrationPluginIT {
    private static final String CHECK_JSON = "target/migration/check.json";
    private static final String CHANGES = "src/main/resources/db/changelog/changes/";
    private static final String MASTER = "src/main/resources/db/changelog/db.changelog-master.yaml";
    private static final String CREWS = "db/changelog/changes/001-crews.yaml::001-crews::ana";
    private static final String AGENTS = "db/changelog/changes/002-agents.yaml::002-agents::bo";

    @Test
    void migrateThenStatusThenCheckPassAndHistoryListsWhatRan() throws SQLException {
        FixtureProject project = FixtureProject.copy("crews", "migrate-status-check");
        TestDatabase database = TestDatabase.create();

        ChildMaven.run(project, Map.of(), "migration:migrate", "migration:status", "migration:check",
                "migration:history", "-Dmigration.url=" + database.url()).succeeded()
                .printed("Using " + database.maskedUrl() + " (url from -D user property)",
                        "Applied 1/2 001-crews (ana) … ", "Applied 2/2 002-agents (bo) … ",
                        "Applied 2 changesets in ", "now at 002-agents.",
                        "PostgreSQL 17", "Current revision: 002-agents", "Latest revision:  002-agents",
                        "Applied:          2", "Pending:          0", "Up to date.",
                        "Check passed (exit 0).",
                        "001-crews (ana)  db/changelog/changes/001-crews.yaml  deployment ",
                        "002-agents (bo)  db/changelog/changes/002-agents.yaml  deployment ");
        // the advisory lock needs no lock table; the fingerprint lets the next start skip the parse, the records
        // of the changelog's files let the next deploy parse only what changed
        assertEquals(List.of("agents", "automigrate_changelog_records", "automigrate_fingerprint", "crews",
                "databasechangelog"), database.tables());
        String json = project.read(CHECK_JSON);
        assertTrue(json.contains("\"passed\":true") && json.contains("\"exitCode\":0"), json);
        assertFalse(json.contains(TestDatabase.PASSWORD), json);
    }

    @Test
    void theGoalsRunOnTheJdkThatRunsMaven() throws SQLException {
        FixtureProject project = FixtureProject.copy("crews", "maven-jdk");
        TestDatabase database = TestDatabase.create();
        String javaHome = ChildMaven.required("it.mavenJavaHome");

        // -V prints the JDK: on this machine Maven runs on 17, the oldest the plugin promises to support
        ChildMaven.run(project, Map.of("JAVA_HOME", javaHome, "DATABASE_URL", database.url()), "-V",
                        "migration:migrate", "migration:check").succeeded()
                .printed("runtime: " + javaHome, "Check passed (exit 0).");
        assertTrue(database.tables().contains("agents"));
    }

    @Test
    void checkFailsOnPendingChangeSetsNamingThemUnlessPendingIsAllowed() throws SQLException {
        FixtureProject project = FixtureProject.copy("crews", "check-pending");
        TestDatabase database = TestDatabase.create();
        Map<String, String> environment = Map.of("DATABASE_URL", database.url());

        ChildMaven.run(project, environment, "migration:status", "migration:check").failed()
                .printed("Pending:          2", "  - 001-crews (ana) in db/changelog/changes/001-crews.yaml",
                        "Check failed (exit 1, PENDING).", "Exit code 1 (PENDING): migration check failed:",
                        "pending: " + CREWS, "pending: " + AGENTS);
        String json = project.read(CHECK_JSON);
        assertTrue(json.contains("\"passed\":false") && json.contains("\"exitCode\":1")
                && json.contains("\"verdict\":\"PENDING\"") && json.contains("\"id\":\"002-agents\""), json);
        assertEquals(List.of(), database.tables(), "status and check must not create anything");

        // -X: the plugin's debug lines (each setting and its source) must keep the password masked too
        ChildMaven.run(project, Map.of(), "migration:check", "-Dmigration.allowPending=true", "-X",
                        "-Dmigration.url=" + database.url()).succeeded()
                .printed("Check passed (exit 0).", "pending (allowed): " + CREWS,
                        "= " + database.maskedUrl() + "  (-D user property)");
        assertTrue(project.read(CHECK_JSON).contains("\"allowPending\":true"));
    }

    @Test
    void checkWithRehearseRunsThePendingChangeSetsOnTheDataAndWritesTheRehearsalIntoCheckJson() throws SQLException {
        FixtureProject project = FixtureProject.copy("crews", "check-rehearse");
        TestDatabase database = TestDatabase.create();
        project.write(CHANGES + "003-crews-data.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 003-crews-data\n"
                + "      author: bo\n      changes:\n        - sql:\n"
                + "            sql: insert into crews values (1, 'blue'), (2, 'blue')\n");
        project.write(CHANGES + "004-unique-name.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 004-unique-name\n"
                + "      author: bo\n      changes:\n        - sql:\n"
                + "            sql: create unique index crews_name on crews (name)\n");
        project.write(MASTER, project.read(MASTER)
                + "  - include:\n      file: changes/003-crews-data.yaml\n      relativeToChangelogFile: true\n"
                + "  - include:\n      file: changes/004-unique-name.yaml\n      relativeToChangelogFile: true\n");

        ChildMaven.run(project, Map.of("DATABASE_URL", database.url()), "migration:check",
                        "-Dmigration.rehearse=true").failed()
                .printed("Rehearsing 4/4 004-unique-name (bo) …", "  002-agents (bo): ok, ",
                        "  004-unique-name (bo): failed, ", "could not create unique index \"crews_name\"",
                        "Exit code 1 (PENDING): migration check failed:",
                        "db/changelog/changes/004-unique-name.yaml::004-unique-name::bo: ERROR rehearsal-failed");
        String json = project.read(CHECK_JSON);
        assertTrue(json.contains("\"rehearsal\":{\"ran\":true,") && json.contains("\"outcome\":\"failed\"")
                && json.contains("\"sqlState\":\"23505\"") && json.contains("\"outcome\":\"no-rollback\""), json);
        assertEquals(List.of(), database.tables(), "the rehearsal keeps nothing, not even the tracking tables");
    }

    @Test
    void checkFailsOnDriftNamingTheEditedChangeSet() {
        FixtureProject project = FixtureProject.copy("crews", "check-drift");
        TestDatabase database = TestDatabase.create();
        Map<String, String> environment = Map.of("DATABASE_URL", database.url());
        ChildMaven.run(project, environment, "migration:migrate").succeeded();

        project.write(CHANGES + "001-crews.yaml", project.read(CHANGES + "001-crews.yaml")
                .replace("name text not null", "name text not null, budget numeric"));
        ChildMaven.run(project, environment, "migration:check").failed()
                .printed("Check failed (exit 2, DRIFT).", "Exit code 2 (DRIFT): migration check failed:",
                        "drift: " + CREWS + " was changed after it was applied");
        String json = project.read(CHECK_JSON);
        assertTrue(json.contains("\"exitCode\":2") && json.contains("\"kind\":\"CHECKSUM_CHANGED\"")
                && json.contains("\"id\":\"001-crews\""), json);
        assertFalse(json.contains("002-agents\",\"author\":\"bo\",\"changeLog\":\"db/changelog/changes/002-agents"
                + ".yaml\",\"detail\""), "only the edited changeset drifted: " + json);

        ChildMaven.run(project, environment, "migration:migrate").failed()
                .printed("Exit code 2 (DRIFT): The database differs from the changelog: " + CREWS);
    }

    @Test
    void aFailingChangeSetFailsTheBuildNamingItsFileAndTheDatabaseError() throws SQLException {
        FixtureProject project = FixtureProject.copy("crews", "failing-changeset");
        TestDatabase database = TestDatabase.create();
        project.write(CHANGES + "003-broken.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 003-broken\n"
                + "      author: bo\n      changes:\n        - sql:\n            sql: alter table crewz add column x int\n");
        project.write(MASTER, project.read(MASTER)
                + "  - include:\n      file: changes/003-broken.yaml\n      relativeToChangelogFile: true\n");

        ChildMaven.run(project, Map.of("DATABASE_URL", database.url()), "migration:migrate").failed()
                .printed("Applied 2/3 002-agents (bo) … ",
                        "Exit code 4 (MIGRATION_FAILED): Changeset 003-broken (bo) in db/changelog/changes/003-broken.yaml"
                                + " failed: ", "crewz", "does not exist");
        assertEquals(2, database.count("select count(*) from databasechangelog"), "the changesets before it stay applied");
    }

    @Test
    void aChangeSetBlockedByAReportIsTriedAgainAndFailsTheBuildNamingTheReportWhenTheBudgetIsSpent() throws Exception {
        FixtureProject project = FixtureProject.copy("crews", "lock-retry");
        TestDatabase database = TestDatabase.create();
        Map<String, String> environment = Map.of("DATABASE_URL", database.url());
        ChildMaven.run(project, environment, "migration:migrate").succeeded();
        project.write(CHANGES + "003-budget.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 003-budget\n"
                + "      author: bo\n      changes:\n        - sql:\n            sql: alter table crews add column budget numeric\n");
        project.write(MASTER, project.read(MASTER)
                + "  - include:\n      file: changes/003-budget.yaml\n      relativeToChangelogFile: true\n");

        try (Connection report = database.connect(); Statement statement = report.createStatement()) {
            statement.execute("set application_name = 'nightly-report'");
            report.setAutoCommit(false);
            statement.execute("select count(*) from crews");

            ChildMaven.run(project, environment, "migration:migrate", "-Dmigration.statementLockTimeout=300ms",
                    "-Dmigration.lockRetryBudget=2s").failed()
                    .printed("[WARNING] Waited 300 ms for a table lock: 1/1 003-budget (bo), attempt 1, held by pid ",
                            "nightly-report", "trying again in ",
                            "Exit code 4 (MIGRATION_FAILED): Changeset 003-budget (bo) in db/changelog/changes/"
                                    + "003-budget.yaml failed: ERROR: canceling statement due to lock timeout",
                            "gave up after ", "raise MIGRATION_LOCK_RETRY_BUDGET");
            assertEquals(0, database.count("select count(*) from information_schema.columns where column_name = 'budget'"));
            report.rollback();
        }
        ChildMaven.run(project, environment, "migration:migrate").succeeded().printed("Applied 1/1 003-budget (bo) … ");
    }

    @Test
    void generateCreatesAChangeSetFileThatTheNextMigrateApplies() throws IOException, SQLException {
        FixtureProject project = FixtureProject.copy("crews", "generate");
        TestDatabase database = TestDatabase.create();

        ChildMaven.run(project, Map.of(), "migration:generate", "-Dmigration.description=add crew budget",
                "-Dmigration.author=carla").succeeded().printed("-add-crew-budget.yaml (changeset ", " by carla)");
        Path generated;
        try (Stream<Path> files = Files.list(project.file(CHANGES))) {
            generated = files.filter(f -> f.getFileName().toString().matches("\\d{14}-add-crew-budget\\.yaml"))
                    .findFirst().orElseThrow();
        }
        String name = generated.getFileName().toString();
        String id = name.substring(0, name.length() - ".yaml".length());
        assertTrue(project.read(MASTER).endsWith("  - include:\n      file: changes/" + name
                + "\n      relativeToChangelogFile: true\n"), project.read(MASTER));

        // the developer writes the change into the new file
        Files.writeString(generated, Files.readString(generated).replace("      changes: []",
                "      changes:\n        - sql:\n            sql: alter table crews add column budget numeric"));
        ChildMaven.run(project, Map.of("DATABASE_URL", database.url()), "migration:migrate").succeeded()
                .printed("Applied 3/3 " + id + " (carla) … ", "now at " + id + ".");
        assertEquals(0, database.count("select count(*) from crews where budget is null"));
        assertEquals(1, database.count("select count(*) from databasechangelog where id = '" + id
                + "' and filename = 'db/changelog/changes/" + name + "'"));
    }

    @Test
    void resetRefusesWithoutConfirmationOrOnAForeignHostAndResetsWithIt() throws SQLException {
        FixtureProject project = FixtureProject.copy("crews", "reset");
        TestDatabase database = TestDatabase.create();
        Map<String, String> environment = Map.of("DATABASE_URL", database.url());
        ChildMaven.run(project, environment, "migration:migrate").succeeded();
        database.execute("insert into crews (id, name) values (1, 'blue')");

        ChildMaven.run(project, environment, "migration:reset").failed()
                .printed("Exit code 64 (BAD_SETTINGS): reset drops every object of the schema on "
                        + database.maskedUrl(), "refuses without confirmation (-Dmigration.reset.confirm=true");
        assertEquals(1, database.count("select count(*) from crews"), "a refused reset keeps the data");

        String foreign = "postgresql://" + TestDatabase.ROLE + ":" + TestDatabase.PASSWORD + "@db.example.invalid/crews";
        ChildMaven.run(project, Map.of("DATABASE_URL", foreign), "migration:reset", "-Dmigration.reset.confirm=true")
                .failed()
                .printed("reset refuses host db.example.invalid: it is not loopback and not listed in "
                        + "migration.reset.allowedHosts");

        ChildMaven.run(project, environment, "migration:reset", "-Dmigration.reset.confirm=true").succeeded()
                .printed("Applied 2/2 002-agents (bo) … ", "Reset: dropped every object of the schema");
        assertEquals(0, database.count("select count(*) from crews"), "reset drops the data and rebuilds the schema");
        assertEquals(2, database.count("select count(*) from databasechangelog"));
    }

    @Test
    void tagThenRollbackPrintsThePlanAndChangesNothingUntilConfirmed() throws SQLException {
        FixtureProject project = FixtureProject.copy("crews", "rollback");
        TestDatabase database = TestDatabase.create();
        Map<String, String> environment = Map.of("DATABASE_URL", database.url());
        ChildMaven.run(project, environment, "migration:migrate", "migration:tag", "-Dmigration.tag=v1.0").succeeded()
                .printed("Tagged the current state as v1.0.");

        ChildMaven.run(project, environment, "migration:rollback", "-Dmigration.rollback.count=1").succeeded()
                .printed("Rollback to the last 1 changeset would undo 1 changeset", "002-agents (bo)", "[tag v1.0]",
                        "drop table agents;", "Nothing was changed: add -Dmigration.rollback.confirm=true");
        assertTrue(database.tables().contains("agents"), "the plan alone changes nothing");

        ChildMaven.run(project, environment, "migration:rollback", "-Dmigration.rollback.count=2",
                        "-Dmigration.rollback.confirm=true").failed()
                .printed("001-crews", "has no rollback", "stopped before changing anything");
        assertEquals(2, database.count("select count(*) from databasechangelog"), "nothing is half rolled back");

        ChildMaven.run(project, environment, "migration:rollback", "-Dmigration.rollback.count=1",
                "-Dmigration.rollback.confirm=true").succeeded()
                .printed("Rolled back 1/1 002-agents (bo) … ", "Rolled back 1 changeset.");
        assertFalse(database.tables().contains("agents"));
        ChildMaven.run(project, environment, "migration:migrate").succeeded().printed("Applied 1/1 002-agents (bo)");
    }

    @Test
    void anExplicitUserPropertyBeatsConfigurationWhichBeatsTheEnvironment() throws SQLException {
        TestDatabase fromCommandLine = TestDatabase.create();
        TestDatabase fromConfiguration = TestDatabase.create();
        TestDatabase fromEnvironment = TestDatabase.create();
        Map<String, String> environment = Map.of("DATABASE_URL", fromEnvironment.url());
        FixtureProject configured = FixtureProject.copy("crews", "precedence-configured",
                "<url>" + fromConfiguration.url() + "</url>");

        ChildMaven.run(configured, environment, "migration:migrate", "-Dmigration.url=" + fromCommandLine.url())
                .succeeded().printed("Using " + fromCommandLine.maskedUrl() + " (url from -D user property)");
        assertTrue(fromCommandLine.tables().contains("crews"));
        assertEquals(List.of(), fromConfiguration.tables());
        assertEquals(List.of(), fromEnvironment.tables());

        ChildMaven.run(configured, environment, "migration:migrate").succeeded()
                .printed("Using " + fromConfiguration.maskedUrl() + " (url from <configuration>)");
        assertTrue(fromConfiguration.tables().contains("crews"));
        assertEquals(List.of(), fromEnvironment.tables());

        ChildMaven.run(FixtureProject.copy("crews", "precedence-environment"), environment, "migration:migrate")
                .succeeded().printed("Using " + fromEnvironment.maskedUrl() + " (url from environment)");
        assertTrue(fromEnvironment.tables().contains("crews"));
    }

    @Test
    void aMissingUrlNamesEveryWayToSetItAnUnreachableDatabaseFailsTheCheckAndSkipSkips() {
        FixtureProject project = FixtureProject.copy("crews", "missing-url");

        ChildMaven.run(project, Map.of(), "migration:status").failed()
                .printed("Exit code 64 (BAD_SETTINGS): DATABASE_URL, -Dmigration.url or <url>: is not set");

        String nobodyListening = "postgresql://" + TestDatabase.ROLE + ":" + TestDatabase.PASSWORD + "@localhost:1/crews";
        ChildMaven.run(project, Map.of("DATABASE_URL", nobodyListening), "migration:check").failed()
                .printed("Check failed (exit 3, DATABASE_UNREACHABLE).", "Exit code 3 (DATABASE_UNREACHABLE): ",
                        "postgresql://" + TestDatabase.ROLE + ":***@localhost:1/crews");
        String json = project.read(CHECK_JSON);
        assertTrue(json.contains("\"exitCode\":3") && json.contains("\"connected\":false"), json);
        assertFalse(json.contains(TestDatabase.PASSWORD), json);

        ChildMaven.run(project, Map.of(), "migration:status", "-Dmigration.skip=true").succeeded()
                .printed("Skipping (migration.skip=true).");
    }
}
