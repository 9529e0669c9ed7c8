package dev.automigrate.core.liquibase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/**
 * The run's connection as Liquibase sees it, able to hold commits while one changeset is applied. Liquibase commits
 * a changeset's changes and then, separately, its databasechangelog row; held, both commit together, so a crash
 * between the two cannot leave a change applied without its row (the next run would apply it again).
 */
final class ChangeSetConnection extends JdbcConnection {
    private final List<String> beforeCommit = new ArrayList<>();
    private boolean holding;

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

    /**
     * Statements to send in the same round trip as the held commit, in the same transaction; an error in one of
     * them leaves the transaction to be rolled back, as if it had been sent at once.
     */
    void sendWithCommit(String... statements) {
        beforeCommit.addAll(List.of(statements));
    }

    @Override
    public void commit() throws DatabaseException {
        if (holding) {
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
        super.rollback();
    }
}
