package dev.automigrate.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code .env} file: {@code NAME=value} lines, {@code #} comments, optional {@code export} and quotes. */
public final class DotEnvFile {
    private DotEnvFile() {
    }

    /** The variables of {@code folder/.env}; empty when there is no such file. */
    public static Map<String, String> read(Path folder) {
        Path file = folder.resolve(".env");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("export ")) {
                trimmed = trimmed.substring("export ".length()).strip();
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = trimmed.substring(0, eq).strip();
            String value = trimmed.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            } else {
                int comment = value.indexOf(" #");
                if (comment >= 0) {
                    value = value.substring(0, comment).strip();
                }
            }
            variables.put(name, value);
        }
        return variables;
    }
}
