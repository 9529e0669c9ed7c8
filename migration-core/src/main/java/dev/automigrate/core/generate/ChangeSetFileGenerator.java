package dev.automigrate.core.generate;

import dev.automigrate.core.UsageException;
import dev.automigrate.core.changelog.ChangeSetPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates a new, empty changeset file and includes it in the master changelog, for every front end
 * ({@code mvn migration:generate}, the service's {@code generate} command).
 *
 * <p>The file is {@code changes/<UTC yyyyMMddHHmmss>-<slug>.yaml} in the master changelog's folder, so
 * its name sorts by creation time and its identity is stable. The master (YAML or XML) gets an
 * {@code include} with {@code relativeToChangelogFile: true} at its end. Nothing existing is ever
 * overwritten: an existing file with that name, or an include already present, is refused. A schema diff
 * ({@link SchemaDiffGenerator}) places its file here too, and writes it once its content is verified.
 */
public final class ChangeSetFileGenerator {
    /** The folder beside the master changelog that holds one file per changeset. */
    public static final String CHANGES_FOLDER = "changes";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_SLUG_LENGTH = 60;
    private static final Pattern XML_END = Pattern.compile("(?s)(.*)(</(?:\\w+:)?databaseChangeLog\\s*>)(\\s*)$");
    private static final Pattern YAML_EMPTY_LIST = Pattern.compile("(?m)^databaseChangeLog:\\s*\\[\\s*]\\s*$");
    private static final Pattern YAML_ITEM = Pattern.compile("(?m)^(\\s*)- ");

    private final Clock clock;

    public ChangeSetFileGenerator(Clock clock) {
        this.clock = clock;
    }

    /**
     * Creates an empty changeset file to fill in and includes it.
     *
     * @param searchPath  the folders where the master changelog is looked up; the first that holds it is edited
     * @param changeLog   the master changelog, relative to the search path
     * @param description what the change does, in words; it becomes the file's slug and the changeset's comment
     * @param author      the changeset's author
     */
    public GeneratedChangeSet generate(List<Path> searchPath, String changeLog, String description, String author) {
        NewChangeSetFile target = place(searchPath, changeLog, description, author);
        return write(target, emptyChangeSetYaml(target));
    }

    /**
     * Decides where a new changeset goes, and checks that it can go there, without writing anything: a run that
     * takes longer to produce the content (a schema diff) fails on a bad description or master before it starts.
     */
    public NewChangeSetFile place(List<Path> searchPath, String changeLog, String description, String author) {
        if (description == null || description.isBlank()) {
            throw new UsageException("generate needs a description of the change, e.g. \"add crew budget\"");
        }
        if (author == null || author.isBlank()) {
            throw new UsageException("generate needs an author for the changeset");
        }
        String slug = slug(description);
        if (slug.isEmpty()) {
            throw new UsageException("the description '" + description
                    + "' has no letter or digit to name the changeset file after");
        }
        Path master = findMaster(searchPath, changeLog);
        String id = TIMESTAMP.format(clock.instant()) + "-" + slug;
        String include = CHANGES_FOLDER + "/" + id + ".yaml";
        Path file = master.resolveSibling(CHANGES_FOLDER).resolve(id + ".yaml");
        String masterPath = ChangeSetPaths.normalise(changeLog);
        String path = masterPath.substring(0, masterPath.lastIndexOf('/') + 1) + include;
        NewChangeSetFile target = new NewChangeSetFile(master, file, path, include, id, author.strip(),
                description.strip().replaceAll("\\R", " "));
        refuseExisting(target, read(master));
        return target;
    }

    /** Creates the file with this content and includes it at the end of the master; never overwrites anything. */
    public GeneratedChangeSet write(NewChangeSetFile target, String content) {
        Path master = target.master();
        String masterText = read(master);
        refuseExisting(target, masterText);
        String newMaster = withInclude(master, masterText, target.include());
        create(target.file(), content);
        try {
            Files.writeString(master, newMaster, StandardCharsets.UTF_8);
        } catch (IOException e) {
            deleteQuietly(target.file());
            throw new UsageException("cannot add the include to " + master + ": " + e.getMessage());
        }
        return new GeneratedChangeSet(target.file(), target.id(), target.author(), master, target.include());
    }

    private static void refuseExisting(NewChangeSetFile target, String masterText) {
        if (masterText.contains(target.include())) {
            throw new UsageException(target.master() + " already includes " + target.include()
                    + "; nothing was changed");
        }
        if (Files.exists(target.file())) {
            throw new UsageException(target.file() + " already exists; generate never overwrites a file");
        }
    }

    /** Lower-case ASCII letters and digits joined by single dashes: "Add crew budget!" becomes "add-crew-budget". */
    public static String slug(String description) {
        String ascii = Normalizer.normalize(description, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = slug.substring(0, MAX_SLUG_LENGTH).replaceAll("-+$", "");
        }
        return slug;
    }

    private static Path findMaster(List<Path> searchPath, String changeLog) {
        StringBuilder looked = new StringBuilder();
        for (Path folder : searchPath) {
            Path candidate = folder.resolve(changeLog).normalize();
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            looked.append(looked.isEmpty() ? "" : ", ").append(folder);
        }
        throw new UsageException("the master changelog " + changeLog + " is not a file in "
                + (looked.isEmpty() ? "an empty search path" : looked)
                + "; generate edits a changelog in a project folder, not on the classpath");
    }

    private static String withInclude(Path master, String text, String include) {
        String name = master.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return withYamlInclude(master, text, include);
        }
        if (name.endsWith(".xml")) {
            return withXmlInclude(master, text, include);
        }
        throw new UsageException("generate can add an include to a YAML or XML master changelog only, not to "
                + master.getFileName());
    }

    private static String withYamlInclude(Path master, String text, String include) {
        Matcher empty = YAML_EMPTY_LIST.matcher(text);
        if (empty.find()) {
            return text.substring(0, empty.start()) + "databaseChangeLog:\n" + yamlInclude("  ", include)
                    + text.substring(empty.end()).replaceFirst("^\\R", "");
        }
        if (!text.contains("databaseChangeLog:")) {
            throw new UsageException(master + " has no databaseChangeLog: list to add an include to");
        }
        Matcher item = YAML_ITEM.matcher(text);
        String indent = item.find() ? item.group(1) : "  ";
        String body = text.endsWith("\n") || text.isEmpty() ? text : text + "\n";
        return body + yamlInclude(indent, include);
    }

    private static String yamlInclude(String indent, String include) {
        return indent + "- include:\n"
                + indent + "    file: " + include + "\n"
                + indent + "    relativeToChangelogFile: true\n";
    }

    private static String withXmlInclude(Path master, String text, String include) {
        Matcher end = XML_END.matcher(text);
        if (!end.matches()) {
            throw new UsageException(master + " has no closing </databaseChangeLog> to add an include before");
        }
        String before = end.group(1);
        String lineStart = before.endsWith("\n") ? "" : "\n";
        return before + lineStart + "    <include file=\"" + include + "\" relativeToChangelogFile=\"true\"/>\n"
                + end.group(2) + end.group(3);
    }

    private static String emptyChangeSetYaml(NewChangeSetFile target) {
        return "# " + target.description() + "\n"
                + "# Write the change below (sql, createTable, addColumn, …). Once applied, never edit this file:\n"
                + "# add a new changeset instead (mvn migration:generate -Dmigration.description=\"…\").\n"
                + "databaseChangeLog:\n"
                + "  - changeSet:\n"
                + "      id: " + target.id() + "\n"
                + "      author: " + yamlScalar(target.author()) + "\n"
                + "      comment: " + yamlScalar(target.description()) + "\n"
                + "      changes: []\n";
    }

    /** A double-quoted YAML scalar, so any author or description is taken literally. */
    private static String yamlScalar(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void create(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(file + " already exists; generate never overwrites a file");
        } catch (IOException e) {
            throw new UsageException("cannot create " + file + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the include failure is what the user must see
        }
    }
}
