package dev.automigrate.core.liquibase;

import java.sql.Connection;
import java.sql.SQLException;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.DatabaseException;

/** Wraps a JDBC connection owned by the caller as a Liquibase database; wrapping creates nothing. */
final class Databases {
    private Databases() {
    }

    /**
     * The implementation Liquibase's factory would choose (the highest priority that accepts the connection), on a
     * connection that can hold commits; PostgreSQL itself gets {@link RunPostgresDatabase}.
     */
    static Database wrap(Connection connection) throws DatabaseException {
        ChangeSetConnection wrapped = new ChangeSetConnection(connection);
        Database chosen = null;
        for (Database candidate : DatabaseFactory.getInstance().getImplementedDatabases()) {
            if ((chosen == null || candidate.getPriority() > chosen.getPriority())
                    && candidate.isCorrectDatabaseImplementation(wrapped)) {
                chosen = candidate;
            }
        }
        if (chosen == null || chosen.getClass() != PostgresDatabase.class) {
            // not PostgreSQL itself (or nothing Liquibase knows): exactly what the factory makes of it
            return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(wrapped);
        }
        Database database = new RunPostgresDatabase();
        database.setConnection(wrapped);
        return database;
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
