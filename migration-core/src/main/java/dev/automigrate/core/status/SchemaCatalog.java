package dev.automigrate.core.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Read-only facts about the current schema that the pre-deploy check needs. */
public final class SchemaCatalog {
    private SchemaCatalog() {
    }

    /** The tables of the connection's current schema, lower case. */
    public static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select lower(table_name) from information_schema.tables where table_schema = current_schema()");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /**
     * Indexes left INVALID by a failed CREATE INDEX CONCURRENTLY: they slow writes and serve no reads,
     * and a re-run of the same changeset fails on them until they are dropped.
     */
    public static List<String> invalidIndexes(Connection connection) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid "
                        + "join pg_namespace n on n.oid = c.relnamespace "
                        + "where not i.indisvalid and n.nspname = current_schema() order by 1");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getString(1));
            }
        }
        return indexes;
    }

    /** The repair for one invalid index. */
    public static String repair(String index) {
        return "index " + index + " is INVALID (a CREATE INDEX CONCURRENTLY failed): run DROP INDEX CONCURRENTLY "
                + index + "; then migrate again to re-create it";
    }
}
