package dev.automigrate.it.service;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A fresh database on the test JVM's embedded PostgreSQL, and plain JDBC to look at it. */
record Database(DatabaseUrl url) {

    static Database create() {
        return new Database(PostgresFixture.newDatabase());
    }

    /** The address as a user would give it, password included. */
    String address() {
        return "postgresql://" + url.user() + ":" + url.password() + "@localhost:" + url.port() + "/" + url.database();
    }

    List<String> strings(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return values;
    }

    long count(String sql) {
        return Long.parseLong(strings(sql).get(0));
    }

    List<String> tables() {
        return strings("select table_name from information_schema.tables where table_schema = 'public' order by 1");
    }

    /** What a run could have changed: every table and column besides the tracking tables, and every applied changeset. */
    String schemaAndHistory() {
        List<String> state = new ArrayList<>(strings("select table_name || '.' || column_name from "
                + "information_schema.columns where table_schema = 'public' and table_name <> 'databasechangelog' "
                + "and table_name not like 'automigrate%' order by 1"));
        if (tables().contains("databasechangelog")) {
            state.addAll(strings("select filename || '::' || id || '::' || md5sum from databasechangelog order by orderexecuted"));
        }
        return String.join("\n", state);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
    }
}
