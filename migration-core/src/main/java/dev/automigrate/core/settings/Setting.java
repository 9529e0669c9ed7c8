package dev.automigrate.core.settings;

import java.util.Arrays;
import java.util.Optional;

/** Every setting of product.md: the same names in the environment, in Maven and in the service. */
public enum Setting {
    DATABASE_URL("DATABASE_URL", "migration.url", "url", null, false),
    DATABASE_USER("DATABASE_USER", "migration.user", "user", null, false),
    DATABASE_PASSWORD("DATABASE_PASSWORD", "migration.password", "password", null, true),
    AUTO_MIGRATE_ON_STARTUP("AUTO_MIGRATE_ON_STARTUP", "migration.autoMigrate", "autoMigrate", "true", false),
    FAIL_ON_MIGRATION_ERROR("FAIL_ON_MIGRATION_ERROR", "migration.failOnError", "failOnError", "true", false),
    MIGRATION_CHANGELOG("MIGRATION_CHANGELOG", "migration.changeLog", "changeLog",
            "db/changelog/db.changelog-master.yaml", false),
    MIGRATION_SEARCH_PATH("MIGRATION_SEARCH_PATH", "migration.searchPath", "searchPath", null, false),
    DATABASE_CONNECT_TIMEOUT("DATABASE_CONNECT_TIMEOUT", "migration.connectTimeout", "connectTimeout", "30s", false),
    MIGRATION_LOCK_TIMEOUT("MIGRATION_LOCK_TIMEOUT", "migration.lockTimeout", "lockTimeout", "5m", false),
    /**
     * PostgreSQL's lock_timeout for the migration session, per attempt: a changeset never queues live traffic for
     * longer.
     */
    MIGRATION_STATEMENT_LOCK_TIMEOUT("MIGRATION_STATEMENT_LOCK_TIMEOUT", "migration.statementLockTimeout",
            "statementLockTimeout", "1s", false),
    /** How long a changeset that gave up on a table lock is tried again; 0 = never. */
    MIGRATION_LOCK_RETRY_BUDGET("MIGRATION_LOCK_RETRY_BUDGET", "migration.lockRetryBudget", "lockRetryBudget", "3m",
            false),
    /** Liquibase's context expression: {@code prod}, {@code dev and !slow}. */
    MIGRATION_CONTEXTS("MIGRATION_CONTEXTS", "migration.contexts", "contexts", null, false),
    /** Liquibase's label filter: {@code !billing}. */
    MIGRATION_LABELS("MIGRATION_LABELS", "migration.labels", "labels", null, false),
    /** Changelog parameters, {@code name=value,name2=value2}; values of secret-looking names are masked. */
    MIGRATION_PARAMETERS("MIGRATION_PARAMETERS", "migration.parameters", "parameters", null, false),
    /** How long a rehearsal (check --rehearse) may hold its transaction, and so its locks, before it is stopped. */
    MIGRATION_REHEARSAL_TIMEOUT("MIGRATION_REHEARSAL_TIMEOUT", "migration.rehearsalTimeout", "rehearsalTimeout", "5m",
            false);

    private final String environmentVariable;
    private final String property;
    private final String parameter;
    private final String defaultValue;
    private final boolean secret;

    Setting(String environmentVariable, String property, String parameter, String defaultValue, boolean secret) {
        this.environmentVariable = environmentVariable;
        this.property = property;
        this.parameter = parameter;
        this.defaultValue = defaultValue;
        this.secret = secret;
    }

    /** The environment variable, also the key in {@code .env}: {@code DATABASE_URL}. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** The Maven user property: {@code migration.url}. */
    public String property() {
        return property;
    }

    /** The Maven {@code <configuration>} element: {@code url}. */
    public String parameter() {
        return parameter;
    }

    /** The built-in default, empty where the front end supplies its own or there is none. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the value must never be shown. */
    public boolean secret() {
        return secret;
    }

    public static Optional<Setting> byEnvironmentVariable(String name) {
        return Arrays.stream(values()).filter(s -> s.environmentVariable.equals(name)).findFirst();
    }

    public static Optional<Setting> byProperty(String name) {
        return Arrays.stream(values()).filter(s -> s.property.equals(name)).findFirst();
    }
}
