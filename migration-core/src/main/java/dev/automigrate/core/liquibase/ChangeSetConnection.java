package dev.automigrate.core.liquibase;

import java.sql.Connection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/**
 * The run's connection as Liquibase sees it, able to hold commits while one changeset is applied. Liquibase commits
 * a changeset's changes and then, separately, its databasechangelog row; held, both commit together, so a crash
 * between the two cannot leave a change applied without its row (the next run would apply it again).
 */
final class ChangeSetConnection extends JdbcConnection {
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

    @Override
    public void commit() throws DatabaseException {
        if (!holding) {
            super.commit();
        }
    }
}
