package dev.automigrate.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code changes/<UTC yyyyMMddHHmmss>-<slug>.yaml} beside the master changelog, with one
 * changeset to fill in, and includes it at the end of a YAML or XML master. Never overwrites a file.
 */
public final class ChangeSetFileGenerator {
    /** The folder beside the master changelog that holds one file per changeset. */
    public static final String CHANGES_FOLDER = "changes";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public ChangeSetFileGenerator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param searchPath the folders where the master is looked up; the first that has it is written to
     * @param changeLog  the master's path relative to the search path
     */
    public GeneratedChangeSet generate(List<Path> searchPath, String changeLog, String description, String author) {
        String slug = slug(description);
        if (slug.isEmpty()) {
            throw new UsageException("generate needs a description with letters or digits, such as \"add crew budget\"");
        }
        Path master = searchPath.stream().map(folder -> folder.resolve(changeLog)).filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new SettingsException(Setting.MIGRATION_CHANGELOG, changeLog,
                        "not found in a search-path folder; generate writes files, so the master must be in a folder"));
        String id = STAMP.format(clock.instant()) + "-" + slug;
        String include = CHANGES_FOLDER + "/" + id + ".yaml";
        Path file = master.resolveSibling(include);
        String body = "databaseChangeLog:\n"
                + "  - changeSet:\n"
                + "      id: " + quote(id) + "\n"
                + "      author: " + quote(author) + "\n"
                + "      comment: " + quote(description.strip()) + "\n"
                + "      changes:\n"
                + "        - sql:\n"
                + "            sql: \"-- write the change here\"\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, body, StandardOpenOption.CREATE_NEW);
            includeIn(master, include);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(file + " already exists; generate never overwrites a file");
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + e.getMessage());
        }
        return new GeneratedChangeSet(file, id, author, master, include);
    }

    private static void includeIn(Path master, String include) throws IOException {
        String text = Files.readString(master);
        String name = master.getFileName().toString().toLowerCase(Locale.ROOT);
        String updated;
        if (name.endsWith(".xml")) {
            int end = text.lastIndexOf("</databaseChangeLog>");
            if (end < 0) {
                throw new UsageException(master + " has no </databaseChangeLog> to include the new file before");
            }
            updated = text.substring(0, end) + "    <include file=\"" + include + "\" relativeToChangelogFile=\"true\"/>\n"
                    + text.substring(end);
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            String base = text.replaceFirst("databaseChangeLog:\\s*\\[\\s*]\\s*", "databaseChangeLog:\n");
            updated = (base.endsWith("\n") ? base : base + "\n") + "  - include:\n      file: " + include
                    + "\n      relativeToChangelogFile: true\n";
        } else {
            throw new UsageException("generate includes new files in a YAML or XML master only, not " + master);
        }
        Files.writeString(master, updated);
    }

    /** Lower-case ASCII letters and digits joined by single dashes: "Add crew budget!" becomes "add-crew-budget". */
    public static String slug(String description) {
        return description.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
