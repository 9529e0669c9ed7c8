package dev.automigrate.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small inline changelogs, and the sample changelog the run profile starts the service with. */
final class TestChangeLogs {
    static final String NAME = "test-changelog.yaml";
    /** The folder of the sample changelog (crews, agents, tasks) at the default path; tests run in the module folder. */
    static final Path SAMPLE = Path.of("sample").toAbsolutePath();

    /** A copy of the sample changelog in {@code folder}, where a test may change it (generate writes beside it). */
    static void copySample(Path folder) {
        try (var files = Files.walk(SAMPLE)) {
            for (Path source : files.toList()) {
                Path target = folder.resolve(SAMPLE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestChangeLogs() {
    }

    /**
     * A changelog {@link #NAME} that includes {@code changes/004-budget.yaml}, whose line 10 has an unquoted
     * {@code numeric(12,2)} in a {...} mapping: valid YAML, but the comma cuts the value in two.
     */
    static void writeUnreadable(Path folder) {
        try {
            Files.writeString(folder.resolve(NAME), """
                    databaseChangeLog:
                      - include:
                          file: changes/004-budget.yaml
                          relativeToChangelogFile: true
                    """);
            Files.createDirectories(folder.resolve("changes"));
            Files.writeString(folder.resolve("changes/004-budget.yaml"), """
                    databaseChangeLog:
                      - changeSet:
                          id: 004
                          author: ana
                          changes:
                            - createTable:
                                tableName: budget
                                columns:
                                  - column: {name: id, type: bigint}
                                  - column: {name: amount, type: numeric(12,2)}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path folder, String... sqlChangeSets) {
        StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
        for (int i = 0; i < sqlChangeSets.length; i++) {
            yaml.append("  - changeSet:\n")
                    .append("      id: ").append(String.format("%03d", i + 1)).append("\n")
                    .append("      author: test\n")
                    .append("      changes:\n")
                    .append("        - sql:\n")
                    .append("            sql: \"").append(sqlChangeSets[i]).append("\"\n");
        }
        try {
            Files.writeString(folder.resolve(NAME), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
