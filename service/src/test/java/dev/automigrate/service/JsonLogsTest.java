package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.PostgresFixture;
import io.helidon.json.JsonObject;
import io.helidon.json.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code LOG_FORMAT=json}: a real startup's log, one JSON object per line, events with their fields, no password. */
class JsonLogsTest {
    private static final String PASSWORD = "Jz7-distinctive-Pw";

    @TempDir
    Path folder;

    @Test
    void aStartupLogsOneJsonObjectPerLineWithoutThePassword() throws SQLException {
        TestChangeLogs.write(folder, "create table crews (id bigint primary key)", "create table broken (id no_such_type)");
        Map<String, String> environment = new HashMap<>(Map.of(
                "DATABASE_URL", databaseWithPassword(),
                "MIGRATION_SEARCH_PATH", folder.toString(),
                "MIGRATION_CHANGELOG", TestChangeLogs.NAME,
                "SERVER_PORT", "0",
                "LOG_FORMAT", "json"));

        // as main() does first: logging.properties replaces the root handlers, and Helidon's own setup is switched off
        LoggingSetup.configure(Path.of(""));
        String log;
        CommandLineRun run;
        try (CapturedLogs logs = new CapturedLogs()) {
            // automatic mode: the failing changeset stops the service, so serve returns (exit 4)
            run = CommandLineRun.run(environment, folder, "serve");
            log = logs.text();
        }
        assertEquals(4, run.exitCode(), run + "\n--- log\n" + log);
        assertFalse(log.contains(PASSWORD), log);
        assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD), run::toString);

        List<JsonObject> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            JsonObject object = JsonParser.create(line).readJsonObject();
            for (String field : new String[] {"time", "level", "logger", "message"}) {
                assertTrue(object.stringValue(field).isPresent(), field + " missing in " + line);
            }
            lines.add(object);
        }
        assertTrue(lines.size() > 5, log);

        JsonObject settings = find(lines, "message", "Settings (environment");
        assertTrue(settings.stringValue("message").orElseThrow().contains(":***@localhost:"), log);

        JsonObject connected = find(lines, "step", "test connection");
        assertEquals("StepFinished", connected.stringValue("event").orElseThrow());
        assertTrue(connected.longValue("durationMs").isPresent(), log);
        assertEquals("INFO", connected.stringValue("level").orElseThrow());

        JsonObject applied = find(lines, "event", "ChangeSetApplied");
        // TestChangeLogs writes "id: 001", which YAML reads as the number 1
        assertEquals("1", applied.stringValue("changeset").orElseThrow());
        assertEquals("test", applied.stringValue("author").orElseThrow());
        assertTrue(applied.longValue("durationMs").isPresent(), log);
        assertEquals("dev.automigrate.service.StartupMigration", applied.stringValue("logger").orElseThrow());

        JsonObject failed = find(lines, "event", "ChangeSetFailed");
        assertEquals("2", failed.stringValue("changeset").orElseThrow());
        assertEquals("SEVERE", failed.stringValue("level").orElseThrow());
        assertTrue(failed.stringValue("error").orElseThrow().contains("no_such_type"), log);
    }

    @Test
    void aLockTimeoutRetryLogsItsAttemptPauseAndBlockerAsFields() throws Exception {
        String url = databaseWithPassword();
        DatabaseUrl database = DatabaseUrl.parse(url);
        try (Connection setup = PostgresFixture.connect(database); Statement statement = setup.createStatement()) {
            statement.execute("create table crews (id bigint primary key)");
        }
        TestChangeLogs.write(folder, "alter table crews add column name text");
        Map<String, String> environment = new HashMap<>(Map.of(
                "DATABASE_URL", url,
                "MIGRATION_SEARCH_PATH", folder.toString(),
                "MIGRATION_CHANGELOG", TestChangeLogs.NAME,
                "MIGRATION_STATEMENT_LOCK_TIMEOUT", "200ms",
                "MIGRATION_LOCK_RETRY_BUDGET", "1s",
                "SERVER_PORT", "0",
                "LOG_FORMAT", "json"));
        LoggingSetup.configure(Path.of(""));
        String log;
        CommandLineRun run;
        try (Connection report = PostgresFixture.connect(database); Statement statement = report.createStatement();
             CapturedLogs logs = new CapturedLogs()) {
            report.setAutoCommit(false);
            statement.execute("set application_name = 'nightly-report'");
            statement.execute("select count(*) from crews where id <> 0 or '" + PASSWORD + "' = ''");
            // automatic mode: the budget runs out, the changeset fails, and serve returns (exit 4)
            run = CommandLineRun.run(environment, folder, "serve");
            log = logs.text();
        }
        assertEquals(4, run.exitCode(), run + "\n--- log\n" + log);
        assertFalse(log.contains(PASSWORD), log);

        List<JsonObject> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            lines.add(JsonParser.create(line).readJsonObject());
        }
        JsonObject retry = find(lines, "event", "LockTimeoutRetry");
        assertEquals("WARNING", retry.stringValue("level").orElseThrow());
        assertEquals(1, retry.longValue("attempt").orElseThrow());
        assertEquals(200, retry.longValue("lockTimeoutMs").orElseThrow());
        assertTrue(retry.longValue("retryInMs").isPresent(), log);
        assertTrue(retry.stringValue("blockingPids").orElseThrow().matches("\\d+"), log);
        assertTrue(retry.stringValue("blockedBy").orElseThrow().contains("nightly-report"), log);
        assertTrue(retry.stringValue("blockedBy").orElseThrow().contains("'…'"), "literals masked: " + log);
        assertTrue(retry.stringValue("message").orElseThrow().contains("trying again in"), log);
    }

    @Test
    void anUnknownFormatIsABadSetting() {
        CommandLineRun run = CommandLineRun.run(Map.of("LOG_FORMAT", "xml", "DATABASE_URL", "postgresql://app@localhost:1/app"),
                folder, "serve");
        assertEquals(64, run.exitCode(), run::toString);
        assertTrue(run.err().contains("LOG_FORMAT='xml': must be text or json"), run::toString);
    }

    @Test
    void theFormatIsASettingWithItsSource() throws IOException {
        Files.writeString(folder.resolve(".env"), "LOG_FORMAT=json\n");
        CommandLineRun run = CommandLineRun.run(Map.of("DATABASE_URL", "postgresql://app@localhost:1/app"), folder,
                "settings");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().replaceAll(" +=", " =").contains("LOG_FORMAT = json  (.env file)"), run::toString);
    }

    private static JsonObject find(List<JsonObject> lines, String field, String valueStart) {
        return lines.stream()
                .filter(line -> line.stringValue(field).filter(value -> value.startsWith(valueStart)).isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + field + "=" + valueStart + "… in " + lines));
    }

    /** A fresh database owned by a role of its own with a password no other text contains. */
    private static String databaseWithPassword() throws SQLException {
        DatabaseUrl admin = PostgresFixture.newDatabase();
        String role = "json_logs_" + admin.database();
        try (Connection connection = PostgresFixture.connect(admin); Statement statement = connection.createStatement()) {
            statement.execute("create role " + role + " login password '" + PASSWORD + "'");
            statement.execute("alter database " + admin.database() + " owner to " + role);
        }
        return "postgresql://" + role + ":" + PASSWORD + "@localhost:" + PostgresFixture.port() + "/" + admin.database();
    }
}
