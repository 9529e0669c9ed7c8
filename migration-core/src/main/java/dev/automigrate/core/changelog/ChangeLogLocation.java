package dev.automigrate.core.changelog;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the master changelog is looked up: a path relative to the search path folders and, when
 * {@code classpath} is not null, the classpath. Changeset identities are relative to it.
 */
public record ChangeLogLocation(String changeLog, List<Path> searchPath, ClassLoader classpath) {
    public ChangeLogLocation {
        searchPath = List.copyOf(searchPath);
    }

    /** Where a human should look: the folders, then the classpath. */
    public String describe() {
        StringBuilder where = new StringBuilder();
        for (Path folder : searchPath) {
            where.append(where.isEmpty() ? "" : ", ").append(folder);
        }
        if (classpath != null) {
            where.append(where.isEmpty() ? "" : ", ").append("the classpath");
        }
        return where.toString();
    }
}
