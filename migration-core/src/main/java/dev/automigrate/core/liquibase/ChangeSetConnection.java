package dev.automigrate.core.liquibase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/**
 * The run's connection as Liquibase sees it, able to hold commits while one changeset is applied. Liquibase commits
 * a changeset's changes and then, separately, its databasechangelog row; held, both commit together, so a crash
 * between the two cannot leave a change applied without its row (the next run would apply it again).
 *
 * <p>In a rehearsal, nothing may commit and a failure may undo only the changeset that failed: Liquibase rolls back
 * the whole transaction when a change fails (and after every changeset's preconditions), which would undo the
 * changesets rehearsed before it. There, a commit does nothing, a rollback goes back to the changeset's savepoint, and
 * auto-commit, which would commit, is refused.
 */
final class ChangeSetConnection extends JdbcConnection {
    private final List<String> beforeCommit = new ArrayList<>();
    private boolean holding;
    private Savepoint rehearsal;

    ChangeSetConnection(Connection connection) {
        super(connection);
    }

    /** Until {@link #release()}, a commit asked for by Liquibase does nothing; rollbacks still happen at once. */
    void hold() {
        holding = true;
    }

    void release() {
        holding = false;
    }

    boolean holding() {
        return holding;
    }

    /** Until {@link #endRehearsal()}: no commit, and a rollback goes back to {@code savepoint} only. */
    void rehearseFrom(Savepoint savepoint) {
        rehearsal = savepoint;
    }

    void endRehearsal() {
        rehearsal = null;
    }

    /**
     * Statements to send in the same round trip as the held commit, in the same transaction; an error in one of
     * them leaves the transaction to be rolled back, as if it had been sent at once.
     */
    void sendWithCommit(String... statements) {
        beforeCommit.addAll(List.of(statements));
    }

    @Override
    public void commit() throws DatabaseException {
        if (holding || rehearsal != null) {
            return;
        }
        if (beforeCommit.isEmpty()) {
            super.commit();
            return;
        }
        String statements = String.join(";\n", beforeCommit) + ";\ncommit";
        beforeCommit.clear();
        try (Statement statement = getUnderlyingConnection().createStatement()) {
            if (statements.contains("?")) {
                statement.setEscapeProcessing(false); // as Liquibase's executor sends them
            }
            statement.execute(statements);
        } catch (SQLException e) {
            throw new DatabaseException(e.getMessage(), e);
        }
    }

    @Override
    public void rollback() throws DatabaseException {
        beforeCommit.clear();
        if (rehearsal != null) {
            try {
                getUnderlyingConnection().rollback(rehearsal);
            } catch (SQLException e) {
                throw new DatabaseException(e.getMessage(), e);
            }
            return;
        }
        super.rollback();
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws DatabaseException {
        if (rehearsal != null && autoCommit) {
            throw new DatabaseException("a rehearsal runs in one transaction that is never committed, and auto-commit"
                    + " would commit it");
        }
        super.setAutoCommit(autoCommit);
    }
}
