package dev.automigrate.it.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one child Maven run printed and how it ended. */
record MavenRun(String command, int exitCode, String output) {

    MavenRun succeeded() {
        assertEquals(0, exitCode, () -> command + " failed:\n" + output);
        return this;
    }

    MavenRun failed() {
        assertNotEquals(0, exitCode, () -> command + " passed but should have failed:\n" + output);
        assertTrue(output.contains("BUILD FAILURE"), () -> "no BUILD FAILURE in:\n" + output);
        return this;
    }

    MavenRun printed(String... fragments) {
        for (String fragment : fragments) {
            assertTrue(output.contains(fragment), () -> "'" + fragment + "' missing from " + command + ":\n" + output);
        }
        return this;
    }
}
