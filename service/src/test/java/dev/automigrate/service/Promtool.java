package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code promtool check metrics}: Prometheus' own parser and linter of the text format (Debian package
 * {@code prometheus}). Required in CI; elsewhere a missing promtool skips the format check.
 */
final class Promtool {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    static void checkMetrics(String exposition) {
        if (!Files.isExecutable(PROMTOOL)) {
            String message = "promtool is not installed (apt-get install -y prometheus)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        try {
            Process process = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), "promtool check metrics:\n" + output + "\n--- input\n" + exposition);
            assertEquals("", output.strip(), "promtool lint findings:\n" + output + "\n--- input\n" + exposition);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run promtool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
