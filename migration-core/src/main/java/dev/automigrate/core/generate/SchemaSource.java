package dev.automigrate.core.generate;

import dev.automigrate.core.UsageException;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The schema a changeset is generated towards: a SQL file, or a development database changed by hand. */
public sealed interface SchemaSource {

    /** What the source is, for messages: the file, or the database's masked address. */
    String describe();

    /**
     * A file of SQL statements (CREATE TABLE …), loaded into an empty database on the scratch server.
     *
     * @param name the file as the user named it, for the generated file's header: no local folder goes into it
     */
    record SchemaFile(Path file, String name) implements SchemaSource {
        @Override
        public String describe() {
            return name;
        }
    }

    /** A database that is only read, never written. */
    record DevelopmentDatabase(DatabaseUrl url) implements SchemaSource {
        @Override
        public String describe() {
            return url.masked();
        }
    }

    /**
     * The source a user asked for with at most one of the two options, or empty when neither was given (a plain
     * generate, which writes an empty changeset).
     *
     * @param schemaFile     as given: an absolute path, or one relative to a folder of {@code folders}
     * @param folders        where a relative schema file is looked up, in order (the search path, then the project
     *                       or working directory)
     * @param schemaOption   how the front end names the schema file option, for messages
     * @param databaseOption how it names the database option
     */
    static Optional<SchemaSource> of(String schemaFile, String databaseUrl, List<Path> folders, String schemaOption,
                                     String databaseOption) {
        boolean file = schemaFile != null && !schemaFile.isBlank();
        boolean database = databaseUrl != null && !databaseUrl.isBlank();
        if (file && database) {
            throw new UsageException("give " + schemaOption + " or " + databaseOption + ", not both");
        }
        if (file) {
            return Optional.of(new SchemaFile(find(schemaFile.strip(), folders, schemaOption), schemaFile.strip()));
        }
        if (database) {
            try {
                return Optional.of(new DevelopmentDatabase(DatabaseUrl.parse(databaseUrl.strip())));
            } catch (SettingsException e) {
                throw new UsageException(e.messageNaming(databaseOption));
            }
        }
        return Optional.empty();
    }

    private static Path find(String given, List<Path> folders, String option) {
        Path path = Path.of(given);
        if (path.isAbsolute()) {
            if (Files.isRegularFile(path)) {
                return path;
            }
            throw new UsageException(option + "='" + given + "': no such file");
        }
        for (Path folder : folders) {
            Path candidate = folder.resolve(path).normalize();
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new UsageException(option + "='" + given + "': not a file in "
                + folders.stream().distinct().map(Path::toString).collect(Collectors.joining(", ")));
    }
}
