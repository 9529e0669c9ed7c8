package dev.automigrate.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a YAML changelog tree into a folder: a master that includes one file per changeset, under
 * {@code db/changelog/}, as a project keeps it in {@code src/main/resources}.
 */
public final class ChangeLogFolder {
    public static final String MASTER = "db/changelog/db.changelog-master.yaml";

    private final Path root;
    private final List<String> includes = new ArrayList<>();

    public ChangeLogFolder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Adds a file {@code changes/NAME.yaml} holding one SQL changeset, and includes it in the master. */
    public ChangeLogFolder sqlChangeSet(String id, String author, String sql) {
        return changeSet(id, id, author, sql, true);
    }

    public ChangeLogFolder changeSet(String fileName, String id, String author, String sql, boolean runInTransaction) {
        String body = "databaseChangeLog:\n"
                + "  - changeSet:\n"
                + "      id: " + id + "\n"
                + "      author: " + author + "\n"
                + (runInTransaction ? "" : "      runInTransaction: false\n")
                + "      changes:\n"
                + "        - sql:\n"
                + "            sql: \"" + sql.replace("\"", "\\\"") + "\"\n";
        write("db/changelog/changes/" + fileName + ".yaml", body);
        includes.add("changes/" + fileName + ".yaml");
        writeMaster();
        return this;
    }

    /** Adds a file {@code changes/NAME.yaml} holding this changelog (YAML), and includes it in the master. */
    public ChangeLogFolder yamlFile(String fileName, String yaml) {
        write("db/changelog/changes/" + fileName + ".yaml", yaml);
        includes.add("changes/" + fileName + ".yaml");
        writeMaster();
        return this;
    }

    /** Replaces the SQL of an existing changeset file, as a developer editing history would. */
    public ChangeLogFolder editChangeSet(String fileName, String id, String author, String sql) {
        String body = "databaseChangeLog:\n  - changeSet:\n      id: " + id + "\n      author: " + author
                + "\n      changes:\n        - sql:\n            sql: \"" + sql + "\"\n";
        write("db/changelog/changes/" + fileName + ".yaml", body);
        return this;
    }

    public ChangeLogFolder removeChangeSet(String fileName) {
        includes.remove("changes/" + fileName + ".yaml");
        writeMaster();
        return this;
    }

    public void write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeMaster() {
        StringBuilder master = new StringBuilder(includes.isEmpty() ? "databaseChangeLog: []\n" : "databaseChangeLog:\n");
        for (String include : includes) {
            master.append("  - include:\n      file: ").append(include).append("\n      relativeToChangelogFile: true\n");
        }
        write(MASTER, master.toString());
    }
}
