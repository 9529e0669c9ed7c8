package dev.automigrate.core.liquibase;

import java.sql.SQLException;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Liquibase's PostgreSQL database without one query per changeset. Liquibase rolls back after every changeset's
 * preconditions and then reads the search path back ({@code SHOW SEARCH_PATH}), as a rollback may undo a
 * {@code SET SEARCH_PATH}. With no transaction open there is nothing to undo, so the search path is as it was.
 */
final class RunPostgresDatabase extends PostgresDatabase {
    @Override
    public void rollback() throws DatabaseException {
        if (transactionOpen()) {
            super.rollback();
        } else {
            getConnection().rollback(); // nothing to undo on the server, but the connection may hold work of its own
        }
    }

    private boolean transactionOpen() throws DatabaseException {
        try {
            if (!(getConnection() instanceof JdbcConnection jdbc)
                    || !jdbc.getUnderlyingConnection().isWrapperFor(BaseConnection.class)) {
                return true;
            }
            return jdbc.getUnderlyingConnection().unwrap(BaseConnection.class).getTransactionState()
                    != TransactionState.IDLE;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
