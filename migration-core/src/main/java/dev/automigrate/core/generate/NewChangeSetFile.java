package dev.automigrate.core.generate;

import java.nio.file.Path;

/**
 * Where a new changeset will go, decided before its content exists.
 *
 * @param master      the master changelog that will include it
 * @param file        the file to create, beside the master in {@code changes/}
 * @param path        the file's path relative to the search path: the changelog part of the changeset's identity
 * @param include     the path written into the master, relative to it
 * @param id          the changeset's id, also the file's name without {@code .yaml}
 * @param author      the changeset's author
 * @param description what the change does, on one line; the changeset's comment
 */
public record NewChangeSetFile(Path master, Path file, String path, String include, String id, String author,
                               String description) {
}
