package dev.automigrate.core.testing;

import dev.automigrate.core.settings.DatabaseUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run could change in a database, as text to compare before and after: every relation of every schema
 * but PostgreSQL's own, its columns (type, nullability, default), indexes and constraints with their definitions,
 * every row of every table (tracking tables and the fingerprint included, so their absence shows too), and where each
 * sequence stands.
 */
public final class DatabaseState {
    private static final String USER_SCHEMA = "n.nspname not in ('pg_catalog', 'information_schema') "
            + "and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'";

    private DatabaseState() {
    }

    public static String of(DatabaseUrl url) throws SQLException {
        try (Connection connection = PostgresFixture.connect(url)) {
            List<String> state = new ArrayList<>();
            state.addAll(strings(connection, "select c.relkind::text || ' ' || n.nspname || '.' || c.relname from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p', 'v', 'm', 'S', 'i') "
                    + "and " + USER_SCHEMA + " order by 1"));
            state.addAll(strings(connection, "select 'column ' || table_schema || '.' || table_name || '.' || column_name "
                    + "|| ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') "
                    + "from information_schema.columns where table_schema not in ('pg_catalog', 'information_schema') "
                    + "order by 1"));
            state.addAll(strings(connection, "select 'index ' || indexdef from pg_indexes "
                    + "where schemaname not in ('pg_catalog', 'information_schema') order by 1"));
            state.addAll(strings(connection, "select 'constraint ' || conname || ' ' || pg_get_constraintdef(k.oid) "
                    + "from pg_constraint k join pg_namespace n on n.oid = k.connamespace where " + USER_SCHEMA
                    + " order by 1"));
            for (String table : strings(connection, "select quote_ident(table_schema) || '.' || quote_ident(table_name) "
                    + "from information_schema.tables where table_type = 'BASE TABLE' "
                    + "and table_schema not in ('pg_catalog', 'information_schema') order by 1")) {
                state.add("rows of " + table + ": " + strings(connection, "select coalesce(string_agg(t::text, ' | ' "
                        + "order by t::text), '') from " + table + " t").get(0));
            }
            for (String sequence : strings(connection, "select quote_ident(n.nspname) || '.' || quote_ident(c.relname) "
                    + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'S' and "
                    + USER_SCHEMA + " order by 1")) {
                state.add("sequence " + sequence + ": " + strings(connection, "select last_value || ' ' || is_called from "
                        + sequence).get(0));
            }
            return String.join("\n", state);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
