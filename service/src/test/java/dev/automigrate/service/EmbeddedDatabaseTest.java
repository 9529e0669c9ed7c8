package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development default: no DATABASE_URL starts an embedded PostgreSQL whose data persists. */
class EmbeddedDatabaseTest {
    @TempDir
    Path workingDirectory;

    @Test
    void dataPersistsAcrossStartsAndASecondUserOfTheFolderIsToldWhy() {
        // the sample changelog is no longer on the classpath (a stale target/classes may still hold a copy)
        Map<String, String> environment = Map.of("EMBEDDED_DATA_DIR", "pg",
                "MIGRATION_SEARCH_PATH", TestChangeLogs.SAMPLE.toString());

        CommandLineRun migrate = CommandLineRun.run(environment, workingDirectory, "migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.out().contains("Applied 3 changesets"), migrate::toString);

        CommandLineRun check = CommandLineRun.run(environment, workingDirectory, "check");
        assertEquals(0, check.exitCode(), "the second start finds the schema up to date: " + check);

        try (EmbeddedDatabase running = EmbeddedDatabase.start(workingDirectory.resolve("pg"))) {
            CommandLineRun second = CommandLineRun.run(environment, workingDirectory, "status");
            assertEquals(3, second.exitCode(), second::toString);
            assertTrue(second.err().contains("EMBEDDED_DATA_DIR"), second::toString);
            assertTrue(second.err().contains("already using this embedded database"), second::toString);
        }
    }
}
