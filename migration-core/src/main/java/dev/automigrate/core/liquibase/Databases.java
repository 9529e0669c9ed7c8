package dev.automigrate.core.liquibase;

import java.sql.Connection;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/** Wraps a JDBC connection owned by the caller as a Liquibase database; wrapping creates nothing. */
final class Databases {
    private Databases() {
    }

    static Database wrap(Connection connection) throws DatabaseException {
        return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    }
}
