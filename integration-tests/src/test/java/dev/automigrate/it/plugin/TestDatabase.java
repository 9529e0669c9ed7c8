package dev.automigrate.it.plugin;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh database on the embedded PostgreSQL, owned by a role whose password is distinctive enough to
 * be searched for in every output and report.
 */
record TestDatabase(String name) {
    static final String ROLE = "crew_app";
    static final String PASSWORD = "Zebra-Quartz-7391-pw";
    private static boolean roleCreated;

    static synchronized TestDatabase create() {
        DatabaseUrl admin = PostgresFixture.newDatabase();
        try (Connection connection = PostgresFixture.connect(admin); Statement statement = connection.createStatement()) {
            if (!roleCreated) {
                statement.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
                roleCreated = true;
            }
            statement.execute("alter database " + admin.database() + " owner to " + ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + admin.database(), e);
        }
        return new TestDatabase(admin.database());
    }

    /** The address a user would give, password included. */
    String url() {
        return "postgresql://" + ROLE + ":" + PASSWORD + "@localhost:" + PostgresFixture.port() + "/" + name;
    }

    /** The address as the plugin prints it. */
    String maskedUrl() {
        return "postgresql://" + ROLE + ":***@localhost:" + PostgresFixture.port() + "/" + name;
    }

    List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select table_name from information_schema.tables where table_schema = 'public' order by 1")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A connection of the database's owner, e.g. to hold a lock while a goal runs. */
    Connection connect() throws SQLException {
        return PostgresFixture.connect(DatabaseUrl.parse(url()));
    }
}
