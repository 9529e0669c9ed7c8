package dev.automigrate.core.liquibase;

import dev.automigrate.core.ChangeLog;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;

/**
 * A changelog parsed once for one run on one connection: this project's record of it for the status,
 * and Liquibase's own model, which update, verify and the SQL plan reuse instead of parsing again.
 * Valid while its connection is open; keep only {@link #changeLog()} beyond the run.
 */
public final class ParsedChangeLog {
    private final ChangeLog changeLog;
    private final DatabaseChangeLog model;
    private final ChangeLogParameters parameters;
    private final Database database;

    ParsedChangeLog(ChangeLog changeLog, DatabaseChangeLog model, ChangeLogParameters parameters, Database database) {
        this.changeLog = changeLog;
        this.model = model;
        this.parameters = parameters;
        this.database = database;
    }

    public ChangeLog changeLog() {
        return changeLog;
    }

    DatabaseChangeLog model() {
        return model;
    }

    ChangeLogParameters parameters() {
        return parameters;
    }

    /** The run's connection as Liquibase sees it: wrapped once, as wrapping costs several queries. */
    Database database() {
        return database;
    }
}
