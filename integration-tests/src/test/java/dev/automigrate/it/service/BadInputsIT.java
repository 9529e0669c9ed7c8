package dev.automigrate.it.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.service.Main;
import dev.automigrate.service.cli.CommandEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad inputs through the command line: each ends with the exit code of product.md and a one-line
 * reason naming what is wrong, prints no stack trace at the default log level, and leaves the database as it
 * was. Most run in-process ({@link Main#run}); a few through the real jar.
 */
class BadInputsIT {
    private static final int BAD_SETTINGS = 64;
    private static final int UNREACHABLE = 3;
    private static final int MIGRATION_FAILED = 4;

    private static Path folder;
    private static Database database;
    private static String unchanged;

    /** One bad input: what is changed from a good setup, the command, and what must come out. */
    record BadInput(String name, Map<String, String> environment, String changeLogSql, String[] args,
                    int exitCode, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static BadInput input(String name, Map<String, String> environment, int exitCode, String reason,
                                  String... args) {
        return new BadInput(name, environment, null, args.length == 0 ? new String[]{"migrate"} : args, exitCode, reason);
    }

    private static BadInput changeLog(String name, String changeLogSql, int exitCode, String reason) {
        return new BadInput(name, Map.of(), changeLogSql, new String[]{"migrate"}, exitCode, reason);
    }

    static Stream<BadInput> corpus() {
        String host = "localhost:" + database.url().port();
        String db = database.url().database();
        String user = database.url().user();
        String password = database.url().password();
        Path aFile = folder.resolve("a-file.txt");
        return Stream.of(
                input("mysql url", Map.of("DATABASE_URL", "mysql://" + user + "@" + host + "/" + db), BAD_SETTINGS, "DATABASE_URL"),
                input("jdbc url of another database", Map.of("DATABASE_URL", "jdbc:mysql://" + host + "/" + db), BAD_SETTINGS, "DATABASE_URL"),
                input("not a url", Map.of("DATABASE_URL", "not a url"), BAD_SETTINGS, "DATABASE_URL"),
                input("url without host", Map.of("DATABASE_URL", "postgresql:///" + db), BAD_SETTINGS, "DATABASE_URL"),
                input("port not a number", Map.of("DATABASE_URL", "postgresql://" + user + "@localhost:fivefour/" + db), BAD_SETTINGS, "DATABASE_URL"),
                input("port out of range", Map.of("DATABASE_URL", "postgresql://" + user + "@localhost:99999/" + db), BAD_SETTINGS, "DATABASE_URL"),
                input("empty url", Map.of("DATABASE_URL", ""), BAD_SETTINGS, "DATABASE_URL"),
                input("blank url", Map.of("DATABASE_URL", "   "), BAD_SETTINGS, "DATABASE_URL"),
                input("wrong password", Map.of("DATABASE_PASSWORD", "not-the-password"), UNREACHABLE, "password authentication failed"),
                input("unknown user", Map.of("DATABASE_USER", "nobody_here"), UNREACHABLE, "nobody_here"),
                input("unknown database", Map.of("DATABASE_URL", "postgresql://" + user + ":" + password + "@" + host + "/no_such_db"),
                        UNREACHABLE, "no_such_db"),
                input("unknown host", Map.of("DATABASE_URL", "postgresql://" + user + "@no-such-host.invalid/" + db),
                        UNREACHABLE, "unknown host no-such-host.invalid"),
                input("nobody listening", Map.of("DATABASE_URL", "postgresql://" + user + "@localhost:1/" + db), UNREACHABLE,
                        "connection refused by localhost:1"),
                input("empty password", Map.of("DATABASE_PASSWORD", ""), BAD_SETTINGS, "DATABASE_PASSWORD"),
                input("non-boolean auto-migrate", Map.of("AUTO_MIGRATE_ON_STARTUP", "yes"), BAD_SETTINGS, "AUTO_MIGRATE_ON_STARTUP"),
                input("numeric fail-on-error", Map.of("FAIL_ON_MIGRATION_ERROR", "1"), BAD_SETTINGS, "FAIL_ON_MIGRATION_ERROR"),
                input("empty auto-migrate", Map.of("AUTO_MIGRATE_ON_STARTUP", ""), BAD_SETTINGS, "AUTO_MIGRATE_ON_STARTUP"),
                input("non-boolean embedded switch", Map.of("EMBEDDED_DATABASE", "perhaps"), BAD_SETTINGS, "EMBEDDED_DATABASE"),
                input("connect timeout in words", Map.of("DATABASE_CONNECT_TIMEOUT", "soon"), BAD_SETTINGS, "DATABASE_CONNECT_TIMEOUT"),
                input("negative connect timeout", Map.of("DATABASE_CONNECT_TIMEOUT", "-5s"), BAD_SETTINGS, "DATABASE_CONNECT_TIMEOUT"),
                input("lock timeout with a unit in words", Map.of("MIGRATION_LOCK_TIMEOUT", "5 minutes"), BAD_SETTINGS, "MIGRATION_LOCK_TIMEOUT"),
                input("statement lock timeout unknown unit", Map.of("MIGRATION_STATEMENT_LOCK_TIMEOUT", "10x"), BAD_SETTINGS,
                        "MIGRATION_STATEMENT_LOCK_TIMEOUT"),
                input("lock retry budget in words", Map.of("MIGRATION_LOCK_RETRY_BUDGET", "a while"), BAD_SETTINGS,
                        "MIGRATION_LOCK_RETRY_BUDGET='a while'"),
                input("zero rehearsal timeout", Map.of("MIGRATION_REHEARSAL_TIMEOUT", "0"), BAD_SETTINGS,
                        "MIGRATION_REHEARSAL_TIMEOUT", "check", "--rehearse"),
                input("port not a number", Map.of("SERVER_PORT", "http"), BAD_SETTINGS, "SERVER_PORT"),
                input("missing changelog", Map.of("MIGRATION_CHANGELOG", "db/changelog/no-such-master.yaml"), BAD_SETTINGS,
                        "MIGRATION_CHANGELOG"),
                input("changelog of an unknown format", Map.of("MIGRATION_CHANGELOG", "db/changelog/master.txt"), BAD_SETTINGS,
                        "MIGRATION_CHANGELOG"),
                input("empty changelog setting", Map.of("MIGRATION_CHANGELOG", ""), BAD_SETTINGS, "MIGRATION_CHANGELOG"),
                input("malformed yaml changelog", Map.of("MIGRATION_CHANGELOG", "db/changelog/broken.yaml"), BAD_SETTINGS,
                        "db/changelog/broken.yaml"),
                input("duplicate changeset ids", Map.of("MIGRATION_CHANGELOG", "db/changelog/duplicates.yaml"), BAD_SETTINGS,
                        "duplicate"),
                changeLog("a changeset with bad SQL", "create table broken (id no_such_type)", MIGRATION_FAILED, "no_such_type"),
                input("unwritable embedded data folder", Map.of("DATABASE_URL", "<unset>",
                        "EMBEDDED_DATA_DIR", aFile.resolve("postgres").toString()), BAD_SETTINGS, "EMBEDDED_DATA_DIR"),
                input("unknown command", Map.of(), BAD_SETTINGS, "migrat", "migrat"),
                input("unknown option", Map.of(), BAD_SETTINGS, "--frobnicate", "status", "--frobnicate"),
                input("generate without a description", Map.of(), BAD_SETTINGS, "Missing required parameter: 'DESCRIPTION'", "generate"),
                input("reset without confirmation", Map.of(), BAD_SETTINGS, "--confirm", "reset"),
                input("reset of a foreign host", Map.of("DATABASE_URL", "postgresql://" + user + "@db.example.com/" + db),
                        BAD_SETTINGS, "db.example.com", "reset", "--confirm"));
    }

    @BeforeAll
    static void goodSetup() throws IOException {
        folder = Files.createTempDirectory("automigrate-bad-inputs");
        database = Database.create();
        ChangeLogFolder changeLog = new ChangeLogFolder(folder);
        changeLog.sqlChangeSet("001-crews", "bad-inputs", "create table crews (id bigint primary key)");
        changeLog.write("db/changelog/master.txt", "create table crews (id bigint);\n");
        changeLog.write("db/changelog/broken.yaml", "databaseChangeLog:\n  - changeSet: [unclosed\n");
        changeLog.write("db/changelog/duplicates.yaml", "databaseChangeLog:\n"
                + "  - changeSet: {id: same, author: a, changes: [{sql: {sql: 'create table one (id int)'}}]}\n"
                + "  - changeSet: {id: same, author: a, changes: [{sql: {sql: 'create table two (id int)'}}]}\n");
        Files.writeString(folder.resolve("a-file.txt"), "not a folder");
        unchanged = database.schemaAndHistory();
    }

    @AfterAll
    static void untouched() {
        assertEquals(unchanged, database.schemaAndHistory());
    }

    private static Map<String, String> environment(BadInput input, Path workingDirectory) {
        Map<String, String> environment = new HashMap<>(Map.of("DATABASE_URL", database.address(),
                "MIGRATION_SEARCH_PATH", workingDirectory.toString(), "DATABASE_CONNECT_TIMEOUT", "2s",
                "EMBEDDED_DATABASE", "true"));
        environment.putAll(input.environment());
        if ("<unset>".equals(environment.get("DATABASE_URL"))) {
            environment.remove("DATABASE_URL");
        }
        return environment;
    }

    private static Path workingDirectory(BadInput input) throws IOException {
        if (input.changeLogSql() == null) {
            return folder;
        }
        Path own = Files.createTempDirectory(folder, "changelog");
        new ChangeLogFolder(own).sqlChangeSet("001-bad", "bad-inputs", input.changeLogSql());
        return own;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void inProcess(BadInput input) throws IOException {
        Path workingDirectory = workingDirectory(input);
        String before = database.schemaAndHistory();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = Main.run(input.args(), new CommandEnvironment(environment(input, workingDirectory),
                    workingDirectory, outStream, errStream));
        } finally {
            root.removeHandler(capture);
        }
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        String shown = input + " (" + String.join(" ", input.args()) + "), exit " + exitCode + ":\n" + printed;

        assertEquals(input.exitCode(), exitCode, shown);
        assertReasonInOneLine(input, printed, shown);
        assertNoStackTrace(printed, shown);
        for (LogRecord record : logged) {
            assertFalse(record.getLevel().intValue() >= Level.INFO.intValue() && record.getThrown() != null,
                    () -> shown + "\nlogged a stack trace: " + record.getMessage() + " " + record.getThrown());
        }
        assertEquals(before, database.schemaAndHistory(), "the database changed: " + shown);
    }

    static Stream<Arguments> throughTheJar() {
        return corpus().filter(input -> List.of("non-boolean auto-migrate", "wrong password", "missing changelog",
                "unknown command", "a changeset with bad SQL", "unwritable embedded data folder").contains(input.name()))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throughTheJar")
    void throughTheJar(BadInput input) throws IOException {
        Path workingDirectory = workingDirectory(input);
        String before = database.schemaAndHistory();
        ServiceProcess.Finished run = ServiceProcess.command("bad-input-" + input.name().replace(' ', '-'),
                environment(input, workingDirectory), workingDirectory, input.args());
        String shown = input + " (" + String.join(" ", input.args()) + "), " + run;
        assertEquals(input.exitCode(), run.exitCode(), shown);
        assertReasonInOneLine(input, run.output(), shown);
        assertNoStackTrace(run.output(), shown);
        assertFalse(run.output().contains("SEVERE"), shown);
        assertEquals(before, database.schemaAndHistory(), "the database changed: " + shown);
    }

    private static void assertReasonInOneLine(BadInput input, String printed, String shown) {
        String reason = Arrays.stream(printed.split("\n")).filter(line -> line.contains(input.reason())).findFirst()
                .orElseThrow(() -> new AssertionError("no line names '" + input.reason() + "': " + shown));
        System.out.println("[bad input] " + input + ": " + reason.strip());
    }

    private static void assertNoStackTrace(String printed, String shown) {
        assertFalse(printed.contains("\tat ") || printed.contains("Exception in thread") || printed.contains("Caused by:"),
                "a stack trace was printed: " + shown);
    }
}
