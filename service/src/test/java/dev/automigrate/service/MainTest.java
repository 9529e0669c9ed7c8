package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.FilteredChangeLog;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.SchemaShape;
import dev.automigrate.service.cli.CommandEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every command of {@code java -jar migration-service.jar} and its exit code, run in-process. */
class MainTest {
    private static final String SECRET = "s3cr3t-pw";

    @TempDir
    Path folder;
    private Map<String, String> environment;

    @BeforeEach
    void freshDatabase() {
        environment = new HashMap<>();
        environment.put("DATABASE_URL", PostgresFixture.newDatabase().toString().replace("***", "postgres"));
        TestChangeLogs.copySample(folder); // the service looks in its working directory by default
    }

    private CommandLineRun run(String... args) {
        CommandLineRun run = CommandLineRun.run(environment, folder, args);
        assertFalse(run.out().contains(SECRET) || run.err().contains(SECRET), "a password was printed: " + run);
        return run;
    }

    @Test
    void theSampleChangeLogThroughEveryCommand() {
        CommandLineRun status = run("status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.out().contains("Pending:          3"), status::toString);

        CommandLineRun pending = run("check");
        assertEquals(1, pending.exitCode(), pending::toString);
        assertTrue(pending.out().contains("pending: db/changelog/db.changelog-master.yaml::001-create-crews::automigrate"),
                pending::toString);
        assertEquals(0, run("check", "--allow-pending").exitCode());

        CommandLineRun migrate = run("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.out().contains("Applied 3 changesets"), migrate::toString);
        assertTrue(migrate.out().contains("Applied 3/3 003-create-tasks (automigrate)"), migrate::toString);

        CommandLineRun check = run("check", "--json");
        assertEquals(0, check.exitCode(), check::toString);
        assertTrue(check.out().contains("\"passed\":true"), check::toString);
        assertTrue(run("status").out().contains("Up to date."));
        CommandLineRun history = run("history");
        assertEquals(0, history.exitCode(), history::toString);
        assertTrue(history.out().contains("003-create-tasks (automigrate)"), history::toString);
        assertEquals(0, run("migrate").exitCode(), "a second migrate has nothing to do");
    }

    @Test
    void tagAndRollbackPrintThePlanUntilConfirmed() {
        assertEquals(0, run("migrate").exitCode());
        CommandLineRun tag = run("tag", "v1.0");
        assertEquals(0, tag.exitCode(), tag::toString);

        CommandLineRun plan = run("rollback", "--count", "1");
        assertEquals(0, plan.exitCode(), plan::toString);
        assertTrue(plan.out().contains("would undo 1 changeset") && plan.out().contains("003-create-tasks")
                && plan.out().contains("[tag v1.0]") && plan.out().contains("DROP TABLE"), plan::toString);
        assertTrue(run("status").out().contains("Latest tag:       v1.0"));
        assertTrue(run("history").out().contains("tag v1.0"));

        CommandLineRun rollback = run("rollback", "--to-date", "2000-01-01", "--confirm");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertTrue(rollback.out().contains("Rolled back 3/3 001-create-crews"), rollback::toString);
        assertTrue(run("status").out().contains("Pending:          3"));

        assertEquals(64, run("rollback").exitCode(), "exactly one target is required");
        assertEquals(64, run("rollback", "--count", "1", "--to-tag", "v1.0").exitCode());
        CommandLineRun unknownTag = run("rollback", "--to-tag", "v9");
        assertEquals(64, unknownTag.exitCode(), unknownTag::toString);
        assertTrue(unknownTag.err().contains("v9"), unknownTag::toString);
    }

    @Test
    void checkWithPlanPrintsTheSqlAndFailsOnAnUnsafeChange() {
        useChangeLog("create table crews (id bigint primary key, name text)");
        assertEquals(0, run("migrate").exitCode());
        useChangeLog("create table crews (id bigint primary key, name text)", "alter table crews drop column name");
        CommandLineRun check = run("check", "--plan", "--allow-pending");
        assertEquals(1, check.exitCode(), check::toString);
        assertTrue(check.out().contains("alter table crews drop column name;"), check::toString);
        assertTrue(check.out().contains("ERROR drop-column"), check::toString);
    }

    @Test
    void checkWithRehearseRunsThePendingChangeSetsAndKeepsNothing() {
        useChangeLog("create table crews (id bigint primary key, name text)");
        assertEquals(0, run("migrate").exitCode());
        useChangeLog("create table crews (id bigint primary key, name text)",
                "insert into crews values (1, 'blue'), (2, 'blue')", "create unique index crews_name on crews (name)");
        assertEquals(0, run("check", "--allow-pending").exitCode(), "the plan alone finds nothing wrong");

        CommandLineRun check = run("check", "--rehearse");
        assertEquals(1, check.exitCode(), check::toString);
        assertTrue(check.out().contains("Rehearsal: 2 pending changesets run with their rollbacks in one transaction"),
                check::toString);
        assertTrue(check.out().contains("3 (test): failed, ") && check.out().contains("[SQLSTATE 23505] in: "
                + "create unique index crews_name on crews (name)"), check::toString);
        assertTrue(check.out().contains("ERROR rehearsal-failed"), check::toString);
        assertTrue(check.err().contains("Rehearsing 2/2 "), check::toString);
        assertTrue(run("status").out().contains("Pending:          2"), "nothing was applied");
        assertTrue(run("check", "--rehearse", "--json").out().contains("\"sqlState\":\"23505\""));
    }

    @Test
    void driftExitsWithTwo() {
        useChangeLog("create table crews (id bigint primary key)");
        assertEquals(0, run("migrate").exitCode());
        useChangeLog("create table crews (id bigint primary key, name text)");
        CommandLineRun check = run("check");
        assertEquals(2, check.exitCode(), check::toString);
        assertTrue(check.out().contains("drift"), check::toString);
        assertEquals(2, run("migrate").exitCode());
    }

    @Test
    void aFailingChangeSetExitsWithFour() {
        useChangeLog("create table crews (id bigint primary key)", "create table broken (id no_such_type)");
        CommandLineRun migrate = run("migrate");
        assertEquals(4, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.err().contains("no_such_type"), migrate::toString);
        CommandLineRun check = run("check");
        assertEquals(1, check.exitCode(), "the changeset before it stays applied, the failed one is pending");
    }

    @Test
    void migrateSaysItWaitedForATableLockAndTriedAgainThenExitsWithFourNamingTheBlocker() throws Exception {
        useChangeLog("create table crews (id bigint primary key)");
        assertEquals(0, run("migrate").exitCode());
        useChangeLog("create table crews (id bigint primary key)", "alter table crews add column name text");
        environment.put("MIGRATION_STATEMENT_LOCK_TIMEOUT", "200ms");
        environment.put("MIGRATION_LOCK_RETRY_BUDGET", "1s");
        DatabaseUrl database = DatabaseUrl.parse(environment.get("DATABASE_URL"));
        Properties properties = database.jdbcProperties();
        properties.setProperty("ApplicationName", "nightly-report");
        try (Connection report = DriverManager.getConnection(database.jdbcUrl(), properties);
             Statement statement = report.createStatement()) {
            report.setAutoCommit(false);
            statement.execute("select count(*) from crews");

            CommandLineRun blocked = run("migrate");

            assertEquals(4, blocked.exitCode(), blocked::toString);
            // who held the lock is sampled while the changeset waits; on a loaded machine the first 200 ms wait can
            // end before the first sample, so only the final message is sure to name the report
            assertTrue(blocked.out().contains("Waited 200 ms for a table lock: 1/1 2 (test), attempt 1, held by "),
                    blocked::toString);
            assertTrue(blocked.out().contains("trying again in "), blocked::toString);
            assertTrue(blocked.err().contains("gave up after ") && blocked.err().contains("nightly-report")
                    && blocked.err().contains("MIGRATION_LOCK_RETRY_BUDGET"), blocked::toString);
            report.rollback();
        }
        CommandLineRun migrate = run("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.out().contains("Applied 1 changeset"), migrate::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "check", "migrate", "history"})
    void anUnreachableDatabaseExitsWithThree(String command) {
        environment.put("DATABASE_URL", "postgresql://app:" + SECRET + "@localhost:1/app");
        environment.put("DATABASE_CONNECT_TIMEOUT", "1s");
        CommandLineRun run = run(command);
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue((run.out() + run.err()).contains("postgresql://app:***@localhost:1/app"), run::toString);
    }

    @Test
    void resetNeedsConfirmation() {
        assertEquals(0, run("migrate").exitCode());
        CommandLineRun refused = run("reset");
        assertEquals(64, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("--confirm"), refused::toString);
        CommandLineRun reset = run("reset", "--confirm");
        assertEquals(0, reset.exitCode(), reset::toString);
        assertTrue(reset.out().contains("Applied 3 changesets"), reset::toString);
    }

    @Test
    void badSettingsAndUsageExitWith64() {
        environment.put("AUTO_MIGRATE_ON_STARTUP", "maybe");
        CommandLineRun notBoolean = run("status");
        assertEquals(64, notBoolean.exitCode(), notBoolean::toString);
        assertTrue(notBoolean.err().contains("AUTO_MIGRATE_ON_STARTUP='maybe': must be true or false"), notBoolean::toString);
        environment.remove("AUTO_MIGRATE_ON_STARTUP");

        environment.put("DATABASE_URL", "");
        CommandLineRun empty = run("migrate");
        assertEquals(64, empty.exitCode(), "a set but empty DATABASE_URL never falls back to the embedded database");
        assertTrue(empty.err().contains("DATABASE_URL"), empty::toString);

        environment.remove("DATABASE_URL");
        environment.put("EMBEDDED_DATABASE", "false");
        CommandLineRun noDatabase = run("status");
        assertEquals(64, noDatabase.exitCode(), noDatabase::toString);
        assertTrue(noDatabase.err().contains("EMBEDDED_DATABASE=false"), noDatabase::toString);

        environment.put("EMBEDDED_DATABASE", "nope");
        assertEquals(64, run("status").exitCode());
        environment.remove("EMBEDDED_DATABASE");
        environment.put("SERVER_PORT", "http");
        assertEquals(64, run("serve").exitCode());

        environment.remove("SERVER_PORT");
        environment.put("MIGRATION_LOCK_RETRY_BUDGET", "3x");
        CommandLineRun badBudget = run("migrate");
        assertEquals(64, badBudget.exitCode(), badBudget::toString);
        assertTrue(badBudget.err().contains("MIGRATION_LOCK_RETRY_BUDGET='3x': must be a duration"), badBudget::toString);
        environment.remove("MIGRATION_LOCK_RETRY_BUDGET");

        CommandLineRun unknown = run("frobnicate");
        assertEquals(64, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("frobnicate"), unknown::toString);
        assertEquals(64, run("check", "--no-such-option").exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "migrate", "status", "check", "history", "generate", "reset", "tag", "rollback",
            "settings"})
    void everyCommandHasHelp(String command) {
        CommandLineRun help = run(command, "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().contains("Usage: migration-service " + command), help::toString);
    }

    @Test
    void eachCommandIsRegisteredUnderItsOwnName() {
        CommandEnvironment quiet = new CommandEnvironment(Map.of(), folder, System.out, System.err);
        Map<String, CommandLine> all = Main.commandLine(quiet).getSubcommands();
        assertEquals(Main.COMMANDS.size(), all.size(), all::toString);
        all.forEach((name, line) -> assertEquals(name, line.getCommandSpec().userObject().getClass()
                .getAnnotation(Command.class).name()));
        assertEquals(Set.of("migrate"), Main.commandLine(quiet, "migrate", "--help").getSubcommands().keySet());
        assertEquals(all.keySet(), Main.commandLine(quiet, "--help").getSubcommands().keySet());
        assertEquals(all.keySet(), Main.commandLine(quiet, "frobnicate").getSubcommands().keySet());
        assertEquals(Main.COMMANDS, List.copyOf(all.keySet()));
    }

    @Test
    void theCommandsRunWithoutPicocliTakeNoOptionBesidesHelp() {
        CommandEnvironment quiet = new CommandEnvironment(Map.of(), folder, System.out, System.err);
        for (String name : Main.WITHOUT_OPTIONS) {
            CommandLine.Model.CommandSpec spec = Main.commandLine(quiet, name).getSubcommands().get(name).getCommandSpec();
            assertEquals(Set.of("--help", "--version"), Set.copyOf(spec.optionsMap().keySet().stream()
                    .filter(option -> option.startsWith("--")).toList()), name);
            assertTrue(spec.positionalParameters().isEmpty(), name);
        }
    }

    @Test
    void topLevelHelpListsTheCommands() {
        CommandLineRun help = run("--help");
        assertEquals(0, help.exitCode());
        for (String command : new String[] {"serve", "migrate", "status", "check", "history", "generate", "reset", "tag",
                "rollback", "settings"}) {
            assertTrue(help.out().contains(command), help::toString);
        }
    }

    @Test
    void settingsShowTheirSourceWithSecretsMasked() throws IOException {
        Files.writeString(folder.resolve(".env"), "AUTO_MIGRATE_ON_STARTUP=false\nFAIL_ON_MIGRATION_ERROR=false\n");
        Files.writeString(folder.resolve("application.yaml"), "server:\n  port: 9090\nmigration:\n  autoMigrate: true\n"
                + "  changeLog: db/main.yaml\n");
        environment.put("DATABASE_URL", "postgresql://app:" + SECRET + "@db.example:5432/app");
        environment.put("DATABASE_PASSWORD", SECRET);
        environment.put("FAIL_ON_MIGRATION_ERROR", "true");
        CommandLineRun settings = run("settings");
        assertEquals(0, settings.exitCode(), settings::toString);
        // names are padded to the longest one; compare without the padding
        String out = settings.out().replaceAll(" +=", " =");
        assertTrue(out.contains("DATABASE_URL = postgresql://app:***@db.example:5432/app  (environment)"), out);
        assertTrue(out.contains("AUTO_MIGRATE_ON_STARTUP = false  (.env file)"), out);
        assertTrue(out.contains("FAIL_ON_MIGRATION_ERROR = true  (environment)"), out);
        assertTrue(out.contains("MIGRATION_CHANGELOG = db/main.yaml  (application.yaml)"), out);
        assertTrue(out.contains("SERVER_PORT = 9090  (application.yaml)"), out);
        assertTrue(out.contains("MIGRATION_LOCK_TIMEOUT = 5m  (default)"), out);
        assertFalse(out.contains(SECRET), out);
    }

    @Test
    void generateWritesAChangeSetFileAndIncludesIt() throws IOException {
        environment.remove("MIGRATION_SEARCH_PATH"); // the working directory, not the sample folder of the source tree
        new dev.automigrate.core.testing.ChangeLogFolder(folder).sqlChangeSet("001-crews", "ana", "select 1");
        // the changelog of this test, not the sample in the source tree
        environment.put("MIGRATION_SEARCH_PATH", folder.toString());
        CommandLineRun generate = run("generate", "--author", "ana", "Add", "crew", "budget");
        assertEquals(0, generate.exitCode(), generate::toString);
        Path changes = folder.resolve("db/changelog/changes");
        try (var files = Files.list(changes)) {
            Path created = files.filter(f -> f.getFileName().toString().endsWith("-add-crew-budget.yaml")).findFirst()
                    .orElseThrow(() -> new AssertionError(generate.toString()));
            assertTrue(Files.readString(created).contains("author: \"ana\""));
            assertTrue(Files.readString(folder.resolve("db/changelog/db.changelog-master.yaml"))
                    .contains("file: changes/" + created.getFileName()));
        }
        assertEquals(64, run("generate", "!!!").exitCode(), "a description without letters is refused");
    }

    @Test
    void theSqlAndReportsOfCheckNeverShowTheValueOfASecretLookingParameter(@TempDir Path project) {
        String token = "tok3n\"value";
        new dev.automigrate.core.testing.ChangeLogFolder(project)
                .sqlChangeSet("001-keys", "ana", "create table api_keys (k text)")
                .sqlChangeSet("002-key", "ana", "insert into api_keys values ('${api_token}')");
        environment.put("MIGRATION_SEARCH_PATH", project.toString());
        environment.put("MIGRATION_PARAMETERS", "api_token=" + token + ",owner=ana");

        CommandLineRun plan = run("check", "--plan");
        CommandLineRun json = run("check", "--json");
        assertTrue(plan.out().contains("insert into api_keys values ('***')"), plan::toString);
        assertTrue(json.out().contains("insert into api_keys values ('***')"), json::toString);
        CommandLineRun rehearsed = run("check", "--rehearse", "--plan");
        assertEquals(0, rehearsed.exitCode(), "a pending changeset whose rehearsal passes passes: " + rehearsed);
        for (CommandLineRun shown : List.of(plan, json, rehearsed)) {
            assertFalse(shown.out().contains("tok3n") || shown.err().contains("tok3n"), shown::toString);
        }
    }

    @Test
    void aDeployThatAddsAChangeSetParsesOnlyThatOne(@TempDir Path project) {
        dev.automigrate.core.testing.ChangeLogFolder files = new dev.automigrate.core.testing.ChangeLogFolder(project)
                .sqlChangeSet("001-crews", "ana", "create table crews (id int)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id int)");
        environment.put("MIGRATION_SEARCH_PATH", project.toString());
        CommandLineRun first = run("migrate");
        assertTrue(first.out().contains(": all 2 changesets parsed"), first::toString);
        files.sqlChangeSet("003-tasks", "bo", "create table tasks (id int)");
        CommandLineRun second = run("migrate");
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.out().contains(": 1 of 3 changesets parsed, 2 unchanged since the last run"), second::toString);
        assertTrue(second.out().contains("Applied 1/1 003-tasks (bo)"), second::toString);
    }

    @Test
    void generateFromTheSampleSchemaFileWritesWhatMigrateNeedsToReachIt(@TempDir Path cache) throws IOException {
        environment.put("XDG_CACHE_HOME", cache.toString());
        CommandLineRun unchanged = run("generate", "--from-schema", "db/schema.sql", "add", "missions");
        assertEquals(0, unchanged.exitCode(), unchanged::toString);
        assertTrue(unchanged.out().contains("No difference to write"), "the sample's schema.sql is its changelog's "
                + "schema: " + unchanged);

        String schema = Files.readString(folder.resolve("db/schema.sql"))
                + "alter table crews add column budget numeric(12,2);\n"
                + "create table missions (id bigint primary key, crew_id bigint not null references crews (id));\n"
                + "create index missions_crew_idx on missions (crew_id);\n";
        Files.writeString(folder.resolve("db/schema.sql"), schema);
        CommandLineRun generate = run("generate", "--author", "ana", "--from-schema", "db/schema.sql", "add", "missions");

        assertEquals(0, generate.exitCode(), generate::toString);
        assertTrue(generate.out().contains(" ms, on an embedded PostgreSQL 17.")
                && generate.out().contains("data kept in " + cache.resolve("automigrate/generate-postgres/pgdata"))
                && generate.out().contains("  + createTable missions") && generate.out().contains("  + addColumn crews.budget")
                && generate.out().contains("with a rollback, verified"), generate::toString);
        assertEquals(0, run("migrate").exitCode());
        assertEquals(SchemaShape.of(SchemaShape.load(schema)),
                SchemaShape.of(dev.automigrate.core.settings.DatabaseUrl.parse(environment.get("DATABASE_URL"))));
        CommandLineRun again = run("generate", "--from-schema", "db/schema.sql", "add", "missions");
        assertTrue(again.out().contains("No difference to write"), again::toString);

        Files.writeString(folder.resolve("db/schema.sql"), schema.replace("crew_id bigint not null references",
                "crew_id bigint nul references"));
        CommandLineRun broken = run("generate", "--from-schema", "db/schema.sql", "add", "missions");
        assertEquals(64, broken.exitCode(), broken::toString);
        assertTrue(broken.err().contains("db/schema.sql:26: ERROR: syntax error at or near \"nul\""), broken::toString);
        assertEquals(64, run("generate", "--allow-drops", "add", "missions").exitCode(), "drops need a schema");
    }

    @Test
    void anExplicitSearchPathIsTheOnlyPlaceTheChangeLogComesFrom(@TempDir Path project) {
        // the working directory holds the sample at the default path too: it must not be a second candidate
        new dev.automigrate.core.testing.ChangeLogFolder(project).sqlChangeSet("001-own", "ana", "create table own (id int)");
        environment.put("MIGRATION_SEARCH_PATH", project.toString());
        CommandLineRun status = run("status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.out().contains("Pending:          1"), status::toString);
        assertTrue(status.out().contains("001-own (ana)"), status::toString);
        assertFalse(status.err().contains("Found 2 files"), status::toString);
    }

    @Test
    void contextsLabelsParametersAndRunAlwaysFromTheEnvironmentDoWhatLiquibaseDoes(@TempDir Path project)
            throws Exception {
        FilteredChangeLog.write(project);
        DatabaseUrl plain = PostgresFixture.newDatabase();
        DatabaseUrl ours = DatabaseUrl.parse(environment.get("DATABASE_URL"));
        environment.put("MIGRATION_SEARCH_PATH", project.toString());
        environment.putAll(FilteredChangeLog.PROD_SETTINGS);
        for (int run = 1; run <= 2; run++) {
            CommandLineRun migrate = run("migrate");
            assertEquals(0, migrate.exitCode(), migrate::toString);
            FilteredChangeLog.prodLiquibase(project).update(plain);
            assertEquals(PlainLiquibase.rows(plain), PlainLiquibase.rows(ours));
            assertEquals(FilteredChangeLog.data(plain), FilteredChangeLog.data(ours));
        }
        CommandLineRun status = run("status");
        assertTrue(status.out().contains("Filtered out:     3 (contexts 'prod', labels '!billing')"), status::toString);
        assertEquals(0, run("check").exitCode(), "a runAlways changeset is never pending");
        CommandLineRun settings = run("settings");
        assertTrue(settings.out().contains("MIGRATION_CONTEXTS") && settings.out().contains("deploy_note=v1.4"),
                settings::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "check", "migrate", "rollback --count 1"})
    void aChangeLogThatCannotBeReadIsNamedWithTheFileAndLineInOneLine(String command) {
        TestChangeLogs.writeUnreadable(folder);
        environment.put("MIGRATION_SEARCH_PATH", folder.toString());
        environment.put("MIGRATION_CHANGELOG", TestChangeLogs.NAME);

        CommandLineRun run = run(command.split(" "));

        assertEquals(64, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertEquals(List.of("error: MIGRATION_CHANGELOG='test-changelog.yaml': cannot be read: changes/004-budget.yaml,"
                + " line 10, column 46: the unquoted value numeric(12,2) is cut at its comma (in a {...} mapping a comma"
                + " ends a value, so Liquibase read an unexpected '2)'): quote it: type: \"numeric(12,2)\""),
                run.err().lines().toList(), run::toString);
    }

    @Test
    void baselineAdoptsADatabaseMadeByHandAndRefusesAMigratedOne() throws Exception {
        new dev.automigrate.core.testing.ChangeLogFolder(folder)
                .sqlChangeSet("001-made", "ana", "create table made_by_hand (id int)")
                .sqlChangeSet("002-later", "ana", "create table added_later (id int)");
        environment.put("MIGRATION_SEARCH_PATH", folder.toString());
        try (var connection = PostgresFixture.connect(DatabaseUrl.parse(environment.get("DATABASE_URL")));
             var statement = connection.createStatement()) {
            statement.execute("create table made_by_hand (id int)");
        }

        CommandLineRun baseline = run("baseline", "--to", "001-made");
        assertEquals(0, baseline.exitCode(), baseline::toString);
        assertTrue(baseline.out().contains("Recorded 1/1 001-made (ana) in db/changelog/changes/001-made.yaml"
                + " as applied, without running it"), baseline::toString);
        assertTrue(baseline.out().contains("Baseline: recorded 1 changeset as applied without running them; now at "
                + "001-made, 1 pending"), baseline::toString);
        assertEquals(0, run("migrate").exitCode(), "the pending one applies; the adopted one is not run again");

        CommandLineRun again = run("baseline");
        assertEquals(64, again.exitCode(), again::toString);
        assertTrue(again.err().contains("already records 2 changeset(s)") && again.err().contains("use migrate"),
                again::toString);
    }

    private void useChangeLog(String... sql) {
        TestChangeLogs.write(folder, sql);
        environment.put("MIGRATION_SEARCH_PATH", folder.toString());
        environment.put("MIGRATION_CHANGELOG", TestChangeLogs.NAME);
    }
}
