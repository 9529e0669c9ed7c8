package dev.automigrate.core.changelog;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the master changelog is looked up (a path relative to the search path folders and, when {@code classpath}
 * is not null, the classpath; changeset identities are relative to it) and how a run reads it: the parameters
 * substituted for {@code ${name}} and the filter that selects its changesets.
 */
public record ChangeLogLocation(String changeLog, List<Path> searchPath, ClassLoader classpath,
                                ChangeSetFilter filter, Parameters parameters) {
    public ChangeLogLocation {
        searchPath = List.copyOf(searchPath);
        filter = filter == null ? ChangeSetFilter.NONE : filter;
        parameters = parameters == null ? Parameters.NONE : parameters;
    }

    /** Without parameters, every changeset selected. */
    public ChangeLogLocation(String changeLog, List<Path> searchPath, ClassLoader classpath) {
        this(changeLog, searchPath, classpath, ChangeSetFilter.NONE, Parameters.NONE);
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
