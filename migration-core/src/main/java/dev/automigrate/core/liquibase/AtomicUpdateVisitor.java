package dev.automigrate.core.liquibase;

import java.util.Set;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.filter.ShouldRunChangeSetFilter;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.changelog.visitor.UpdateVisitor;
import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;

/**
 * Liquibase's UpdateVisitor, committing each changeset once, together with its databasechangelog row: Liquibase
 * itself commits the changes first and the row after. What runs, the SQL and the row are Liquibase's. A changeset
 * outside a transaction (runInTransaction: false) still commits statement by statement, its row after them.
 */
final class AtomicUpdateVisitor extends UpdateVisitor {
    private final Database database;
    private final ChangeSetConnection connection;
    private final Runnable committed;

    /** @param committed run after each visited changeset once it and its row are committed */
    AtomicUpdateVisitor(Database database, ChangeExecListener listener, Runnable committed)
            throws DatabaseException {
        super(database, listener, new ShouldRunChangeSetFilter(database));
        this.database = database;
        this.connection = (ChangeSetConnection) database.getConnection();
        this.committed = committed;
    }

    @Override
    public void visit(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                      Set<ChangeSetFilterResult> filterResults) throws LiquibaseException {
        connection.hold();
        try {
            super.visit(changeSet, databaseChangeLog, database, filterResults);
            connection.release();
            this.database.commit();
        } catch (LiquibaseException | RuntimeException e) {
            connection.release();
            // a failed change was rolled back already; a failed row or commit leaves the changes to undo here
            rollback(e);
            throw e;
        }
        committed.run();
    }

    private void rollback(Exception failure) {
        try {
            database.rollback();
        } catch (DatabaseException e) {
            failure.addSuppressed(e);
        }
    }
}
