package dev.automigrate.core.check;

/**
 * The pre-deploy rules applied to the SQL of pending changesets, in the spirit of Squawk's and
 * Atlas's analyzers. Ids are stable: a changeset accepts a finding with {@code automigrate:allow <id> <reason>}.
 */
public enum SafetyRule {
    DROP_TABLE("drop-table", Severity.ERROR, Category.DESTRUCTIVE,
            "drops a table and its data; the running version may still use it",
            "stop using the table in a release first, then drop it in a later one"),
    DROP_COLUMN("drop-column", Severity.ERROR, Category.DESTRUCTIVE,
            "drops a column and its data; the running version may still read or write it",
            "stop using the column in a release first, then drop it in a later one"),
    TRUNCATE("truncate", Severity.ERROR, Category.DESTRUCTIVE,
            "deletes every row of a table", "delete only the rows you mean to, with a WHERE clause"),
    DELETE_WITHOUT_WHERE("delete-without-where", Severity.ERROR, Category.DESTRUCTIVE,
            "deletes every row of a table", "add a WHERE clause"),
    UPDATE_WITHOUT_WHERE("update-without-where", Severity.ERROR, Category.DESTRUCTIVE,
            "rewrites every row of a table, locking them all", "add a WHERE clause, or update in batches"),
    RENAME_TABLE("rename-table", Severity.ERROR, Category.INCOMPATIBLE,
            "renames a table the running version still uses by its old name",
            "create the new table (or a view), move readers and writers over, drop the old name later"),
    RENAME_COLUMN("rename-column", Severity.ERROR, Category.INCOMPATIBLE,
            "renames a column the running version still uses by its old name",
            "add the new column, write both, backfill, switch readers, drop the old column later"),
    ALTER_COLUMN_TYPE("alter-column-type", Severity.ERROR, Category.INCOMPATIBLE,
            "changes a column's type: most changes rewrite the table under an exclusive lock and can break the running version",
            "add a column of the new type, backfill it, switch over, drop the old one"),
    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT("add-column-not-null-without-default", Severity.ERROR, Category.INCOMPATIBLE,
            "adds a NOT NULL column without a default: it fails on a table with rows, and the running version's inserts fail",
            "add the column with a DEFAULT, or nullable first and SET NOT NULL after a backfill"),
    SET_NOT_NULL("set-not-null", Severity.ERROR, Category.INCOMPATIBLE,
            "SET NOT NULL scans the whole table under an exclusive lock, and the running version may still write nulls",
            "add a CHECK (col IS NOT NULL) NOT VALID constraint, VALIDATE it, then SET NOT NULL"),
    CREATE_INDEX_NOT_CONCURRENTLY("create-index-not-concurrently", Severity.WARNING, Category.LOCK_RISK,
            "CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds",
            "use CREATE INDEX CONCURRENTLY in a changeset with runInTransaction: false"),
    ADD_FOREIGN_KEY_WITHOUT_NOT_VALID("add-foreign-key-without-not-valid", Severity.WARNING, Category.LOCK_RISK,
            "adding a foreign key validates every row while both tables are locked",
            "add it NOT VALID, then VALIDATE CONSTRAINT in a later changeset"),
    ADD_CHECK_WITHOUT_NOT_VALID("add-check-without-not-valid", Severity.WARNING, Category.LOCK_RISK,
            "adding a CHECK constraint scans every row under an exclusive lock",
            "add it NOT VALID, then VALIDATE CONSTRAINT in a later changeset"),
    ADD_UNIQUE_CONSTRAINT("add-unique-constraint", Severity.WARNING, Category.LOCK_RISK,
            "adding a UNIQUE constraint builds its index while blocking writes",
            "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX"),
    ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default", Severity.WARNING, Category.LOCK_RISK,
            "a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval() …) rewrites the whole table",
            "add the column without a default, set the default afterwards, backfill in batches"),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", Severity.ERROR, Category.TRANSACTION,
            "CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction, and this changeset runs in one",
            "set runInTransaction: false on the changeset (and keep it to that one statement)"),
    // found by running the pending changesets and their rollbacks (check --rehearse), not by reading their SQL
    REHEARSAL_FAILED("rehearsal-failed", Severity.ERROR, Category.REHEARSAL,
            "fails when run on this database, with its schema and data",
            "fix the changeset, or the data it fails on (it was never applied, so it may still be edited)"),
    ROLLBACK_FAILS("rollback-fails", Severity.ERROR, Category.REHEARSAL,
            "its rollback fails right after the changeset ran",
            "correct the rollback block (or remove it where Liquibase derives a correct one)"),
    ROLLBACK_INCOMPLETE("rollback-incomplete", Severity.ERROR, Category.REHEARSAL,
            "its rollback runs but leaves a different schema than before the changeset",
            "make the rollback undo everything the changeset does"),
    NO_ROLLBACK("no-rollback", Severity.WARNING, Category.REHEARSAL,
            "has no rollback, so migration:rollback would stop at it",
            "write a rollback block"),
    NOT_REHEARSED("not-rehearsed", Severity.WARNING, Category.REHEARSAL,
            "was not rehearsed, so nothing is known of how it runs on this database",
            "test it on a copy of this database");

    public enum Severity { ERROR, WARNING }

    public enum Category { DESTRUCTIVE, INCOMPATIBLE, LOCK_RISK, TRANSACTION, REHEARSAL }

    private final String id;
    private final Severity severity;
    private final Category category;
    private final String reason;
    private final String fix;

    SafetyRule(String id, Severity severity, Category category, String reason, String fix) {
        this.id = id;
        this.severity = severity;
        this.category = category;
        this.reason = reason;
        this.fix = fix;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public Category category() {
        return category;
    }

    public String reason() {
        return reason;
    }

    public String fix() {
        return fix;
    }
}
