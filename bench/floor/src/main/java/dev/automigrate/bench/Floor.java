package dev.automigrate.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** The physical floor of an up-to-date check: JVM start, one JDBC connection, one {@code select count(*)}. */
public final class Floor {
    private Floor() {
    }

    /** Arguments: jdbc-url user. */
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], args[1], "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select count(*) from databasechangelog")) {
            row.next();
            System.out.println(row.getLong(1) + " applied");
        }
    }
}
