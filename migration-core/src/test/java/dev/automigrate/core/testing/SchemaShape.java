package dev.automigrate.core.testing;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.status.TrackingTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A database's schema as information_schema and pg_indexes report it, one sorted line per column, constraint and
 * index of the {@code public} schema (tracking tables left out), so two schemas compare with one assertEquals.
 * Column order is left out: Liquibase, like ALTER TABLE, can only add a column at the end.
 */
public final class SchemaShape {
    private static final String TRACKING = TrackingTables.sqlList();
    private static final List<String> QUERIES = List.of(
            """
            select 'column ' || table_name || '.' || column_name || ' ' || data_type
                   || coalesce('(' || character_maximum_length || ')', '')
                   || coalesce(' precision ' || numeric_precision || ',' || numeric_scale, '')
                   || case is_nullable when 'NO' then ' not null' else '' end
                   || coalesce(' default ' || column_default, '')
                   || case is_identity when 'YES' then ' identity ' || identity_generation else '' end
            from information_schema.columns where table_schema = 'public' and table_name not in TRACKING
            """,
            """
            select 'constraint ' || tc.constraint_name || ' ' || tc.constraint_type || ' on ' || tc.table_name
                   || coalesce(' (' || (select string_agg(k.column_name, ', ' order by k.ordinal_position)
                                       from information_schema.key_column_usage k
                                       where k.constraint_schema = tc.constraint_schema
                                         and k.constraint_name = tc.constraint_name) || ')', '')
                   || coalesce(' references ' || (select string_agg(distinct u.table_name || '.' || u.column_name, ', ')
                                                 from information_schema.constraint_column_usage u
                                                 where tc.constraint_type = 'FOREIGN KEY'
                                                   and u.constraint_schema = tc.constraint_schema
                                                   and u.constraint_name = tc.constraint_name), '')
                   || coalesce(' on update ' || r.update_rule || ' on delete ' || r.delete_rule, '')
                   || coalesce(' check ' || c.check_clause, '')
            from information_schema.table_constraints tc
            left join information_schema.referential_constraints r
                   on r.constraint_schema = tc.constraint_schema and r.constraint_name = tc.constraint_name
            left join information_schema.check_constraints c
                   on c.constraint_schema = tc.constraint_schema and c.constraint_name = tc.constraint_name
                   and tc.constraint_type = 'CHECK' and c.check_clause not like '% IS NOT NULL'
            where tc.table_schema = 'public' and tc.table_name not in TRACKING
              and (tc.constraint_type <> 'CHECK' or c.check_clause is not null)
            """,
            """
            select 'index ' || indexname || ' ' || indexdef from pg_indexes
            where schemaname = 'public' and tablename not in TRACKING
            """);

    private SchemaShape() {
    }

    public static List<String> of(DatabaseUrl url) {
        TreeSet<String> lines = new TreeSet<>();
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            for (String query : QUERIES) {
                try (ResultSet rows = statement.executeQuery(query.replace("TRACKING", TRACKING))) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema of " + url, e);
        }
        return new ArrayList<>(lines);
    }

    /** A fresh database with this SQL run in it, as one script. */
    public static DatabaseUrl load(String sql) {
        DatabaseUrl url = PostgresFixture.newDatabase();
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the schema", e);
        }
        return url;
    }
}
