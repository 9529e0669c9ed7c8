package dev.automigrate.core.check;

import java.sql.Savepoint;
import java.util.Optional;

/**
 * A pending changeset as a {@link Rehearsal} runs it: on the rehearsal's connection, inside its one transaction, by
 * the same engine and with the same SQL as migrate. Nothing it does is ever committed.
 */
public interface RehearsableChangeSet {

    /** The changeset, the SQL migrate runs for it and its comments (where a finding is accepted). */
    PlannedChangeSet planned();

    /**
     * Why it would act outside the rehearsal's transaction, where nothing could undo it ({@code runInTransaction:
     * false}, an external program or Java code run by the changeset); empty when all it does stays in the transaction.
     */
    Optional<String> outsideTransaction();

    /**
     * Why it cannot be undone: neither a rollback block nor one the engine can derive, or a rollback declared
     * empty. Empty when it has a rollback.
     */
    Optional<String> withoutRollback();

    /** Runs it as migrate would; when a statement fails, the database is back at {@code savepoint}. */
    Execution run(Savepoint savepoint);

    /** Runs its rollback as migration:rollback would; when a statement fails, the database is back at {@code savepoint}. */
    Execution rollBack(Savepoint savepoint);
}
