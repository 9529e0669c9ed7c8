package dev.automigrate.core.liquibase;

import java.sql.Connection;
import java.sql.SQLException;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.exception.DatabaseException;

/** Wraps a JDBC connection owned by the caller as a Liquibase database; wrapping creates nothing. */
final class Databases {
    private Databases() {
    }

    /** What Liquibase's factory makes of the connection, on a connection that can hold commits. */
    static Database wrap(Connection connection) throws DatabaseException {
        return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new ChangeSetConnection(connection));
    }

    /**
     * Wraps without Liquibase's switch to manual commit, so this project's own statements on the connection
     * (status reads, the fingerprint) commit as before; Liquibase sets the mode each changeset needs itself.
     */
    static Database wrapKeepingCommitMode(Connection connection) throws DatabaseException, SQLException {
        boolean autoCommit = connection.getAutoCommit();
        Database database = wrap(connection);
        if (connection.getAutoCommit() != autoCommit) {
            connection.setAutoCommit(autoCommit);
        }
        return database;
    }
}
