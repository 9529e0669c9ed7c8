package dev.automigrate.core.liquibase.diff;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;

/**
 * What Liquibase's open-source diff does not compare on PostgreSQL, taken from both catalogs and written as
 * {@code sql} changes: CHECK constraints, new enum types and new extensions. Each comes with its undoing, since the
 * reverse diff that gives a changeset its rollback does not see them either. Changed enum types are only named:
 * PostgreSQL can add a label but never remove one.
 */
final class CatalogSupplement {
    private static final String EXTENSIONS = "select quote_ident(extname) from pg_extension where extname <> 'plpgsql'";
    private static final String TABLES = "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            + "where n.nspname = 'public' and c.relkind in ('r', 'p')";

    /** Run before Liquibase's changes: extensions and types a new column may use, and CHECKs that go. */
    final List<Change> before = new ArrayList<>();
    /** Run after them: CHECKs on columns that may be new. */
    final List<Change> after = new ArrayList<>();
    /** Undo the CHECKs added, before the rest of the rollback. */
    final List<Change> rollbackFirst = new ArrayList<>();
    /** Put back the CHECKs dropped, then drop the new types and extensions, after the rest of the rollback. */
    final List<Change> rollbackLast = new ArrayList<>();
    /** The CHECKs of each table the desired schema lacks: its rollback puts them back if the table is dropped. */
    final Map<String, List<Change>> checksOfDroppedTables = new LinkedHashMap<>();
    /** What is left for a human to write, with the reason. */
    final List<String> notGenerated = new ArrayList<>();

    private CatalogSupplement() {
    }

    static CatalogSupplement of(Connection desired, Connection actual) throws SQLException {
        CatalogSupplement supplement = new CatalogSupplement();
        supplement.extensions(names(desired, EXTENSIONS), names(actual, EXTENSIONS));
        supplement.enumTypes(enumTypes(desired), enumTypes(actual));
        supplement.checks(checks(desired), checks(actual), names(desired, TABLES));
        return supplement;
    }

    boolean isEmpty() {
        return before.isEmpty() && after.isEmpty();
    }

    private void extensions(Set<String> wanted, Set<String> present) {
        for (String extension : wanted) {
            if (!present.contains(extension)) {
                before.add(sql("CREATE EXTENSION IF NOT EXISTS " + extension));
                rollbackLast.add(sql("DROP EXTENSION IF EXISTS " + extension));
            }
        }
    }

    private void enumTypes(Map<String, String> wanted, Map<String, String> present) {
        for (Map.Entry<String, String> type : wanted.entrySet()) {
            String labels = present.get(type.getKey());
            if (labels == null) {
                before.add(sql("CREATE TYPE " + type.getKey() + " AS ENUM (" + type.getValue() + ")"));
                rollbackLast.add(sql("DROP TYPE " + type.getKey()));
            } else if (!labels.equals(type.getValue())) {
                notGenerated.add("enum type " + type.getKey() + " changes from (" + labels + ") to ("
                        + type.getValue() + "): write ALTER TYPE " + type.getKey() + " ADD VALUE … by hand");
            }
        }
        for (String type : present.keySet()) {
            if (!wanted.containsKey(type)) {
                notGenerated.add("enum type " + type + " is not in the desired schema: drop it by hand if that is meant");
            }
        }
    }

    private void checks(Map<String, Check> wanted, Map<String, Check> present, Set<String> desiredTables) {
        for (Map.Entry<String, Check> entry : wanted.entrySet()) {
            Check want = entry.getValue();
            Check have = present.get(entry.getKey());
            if (have != null && have.definition().equals(want.definition())) {
                continue;
            }
            if (have != null) {
                before.add(have.drop());
                rollbackLast.add(have.add());
            }
            after.add(want.add());
            rollbackFirst.add(want.drop());
        }
        for (Map.Entry<String, Check> entry : present.entrySet()) {
            Check have = entry.getValue();
            if (wanted.containsKey(entry.getKey())) {
                continue;
            }
            if (desiredTables.contains(have.table())) {
                before.add(have.drop());
                rollbackLast.add(have.add());
            } else {
                checksOfDroppedTables.computeIfAbsent(have.table(), t -> new ArrayList<>()).add(have.add());
            }
        }
    }

    private static RawSQLChange sql(String sql) {
        return new RawSQLChange(sql);
    }

    /** A CHECK constraint: its table and name as PostgreSQL would need them quoted, and its definition. */
    private record Check(String table, String quotedTable, String quotedName, String definition) {
        RawSQLChange add() {
            return sql("ALTER TABLE " + quotedTable + " ADD CONSTRAINT " + quotedName + " " + definition);
        }

        RawSQLChange drop() {
            return sql("ALTER TABLE " + quotedTable + " DROP CONSTRAINT " + quotedName);
        }
    }

    private static Set<String> names(Connection connection, String query) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** Keyed by table and constraint name. */
    private static Map<String, Check> checks(Connection connection) throws SQLException {
        Map<String, Check> checks = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                select t.relname, con.conname, quote_ident(t.relname), quote_ident(con.conname),
                       pg_get_constraintdef(con.oid)
                from pg_constraint con join pg_class t on t.oid = con.conrelid
                join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = 'public' and con.contype = 'c' order by 1, 2""")) {
            while (rows.next()) {
                checks.put(rows.getString(1) + "." + rows.getString(2), new Check(rows.getString(1), rows.getString(3),
                        rows.getString(4), rows.getString(5)));
            }
        }
        return checks;
    }

    /** Quoted type name to its quoted labels in order. */
    private static Map<String, String> enumTypes(Connection connection) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                select quote_ident(t.typname), string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder)
                from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
                where n.nspname = 'public' group by t.typname order by 1""")) {
            while (rows.next()) {
                types.put(rows.getString(1), rows.getString(2));
            }
        }
        return types;
    }
}
