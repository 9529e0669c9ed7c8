package dev.automigrate.core.generate;

import java.nio.file.Path;

/**
 * A changeset file that {@link ChangeSetFileGenerator} created and included in the master changelog.
 *
 * @param file      the new file
 * @param id        the changeset's id, also the file's name without {@code .yaml}
 * @param author    the changeset's author
 * @param master    the master changelog that now includes the file
 * @param include   the path written into the master, relative to it
 */
public record GeneratedChangeSet(Path file, String id, String author, Path master, String include) {
}
