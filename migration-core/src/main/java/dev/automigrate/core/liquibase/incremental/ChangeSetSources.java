package dev.automigrate.core.liquibase.incremental;

import java.util.ArrayList;
import java.util.List;
import liquibase.change.Change;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeSet;

/** The files a changeset's {@code sqlFile} changes name, which the changelog's source folders must include. */
public final class ChangeSetSources {
    private ChangeSetSources() {
    }

    /** Paths as the search path resolves them; a recorded changeset has them from when it was parsed. */
    public static List<String> sqlFiles(ChangeSet changeSet) {
        if (changeSet instanceof RecordedChangeSet recorded) {
            return recorded.record().sqlFiles();
        }
        List<String> paths = new ArrayList<>();
        for (Change change : changeSet.getChanges()) {
            if (change instanceof SQLFileChange sqlFile && sqlFile.getPath() != null) {
                String physical = changeSet.getChangeLog().getPhysicalFilePath();
                paths.add(Boolean.TRUE.equals(sqlFile.isRelativeToChangelogFile())
                        ? physical.substring(0, physical.lastIndexOf('/') + 1) + sqlFile.getPath()
                        : sqlFile.getPath());
            }
        }
        return paths;
    }
}
