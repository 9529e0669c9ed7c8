package dev.automigrate.core.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The schema as a rehearsal compares it before a changeset and after its rollback: relations, columns with their
 * types, nullability and defaults, indexes and constraints with their definitions, in every schema but PostgreSQL's
 * own. Read from the catalog with the rehearsal's transaction, so it sees what the transaction did. Object ids and
 * column positions are left out: a rollback that drops what a changeset added and re-creates what it dropped restores
 * the schema, though not the ids.
 */
final class SchemaSnapshot {
    private static final String USER_SCHEMA = "n.nspname not in ('pg_catalog', 'information_schema') "
            + "and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'";
    private static final String RELATIONS = "select c.oid::bigint, n.nspname || '.' || c.relname, case c.relkind "
            + "when 'r' then 'table' when 'p' then 'table' when 'v' then 'view' when 'm' then 'materialized view' "
            + "when 'S' then 'sequence' when 'f' then 'foreign table' when 'c' then 'type' else 'index' end "
            + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            + "where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'c', 'i', 'I') and " + USER_SCHEMA;
    private static final String COLUMNS = "select n.nspname || '.' || c.relname || '.' || a.attname, "
            + "format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, "
            + "a.attgenerated from pg_attribute a join pg_class c on c.oid = a.attrelid "
            + "join pg_namespace n on n.oid = c.relnamespace "
            + "left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
            + "where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c') and "
            + USER_SCHEMA;
    private static final String INDEXES = "select n.nspname || '.' || c.relname, pg_get_indexdef(i.indexrelid) "
            + "from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace "
            + "where " + USER_SCHEMA;
    private static final String CONSTRAINTS = "select n.nspname || '.' || coalesce(c.relname, t.typname) || '.' "
            + "|| k.conname, pg_get_constraintdef(k.oid) from pg_constraint k "
            + "join pg_namespace n on n.oid = k.connamespace left join pg_class c on c.oid = k.conrelid "
            + "left join pg_type t on t.oid = k.contypid where " + USER_SCHEMA;

    private final TreeSet<String> objects;
    private final Map<Long, String> relations;

    private SchemaSnapshot(TreeSet<String> objects, Map<Long, String> relations) {
        this.objects = objects;
        this.relations = relations;
    }

    static SchemaSnapshot read(Connection connection) throws SQLException {
        TreeSet<String> objects = new TreeSet<>();
        Map<Long, String> relations = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(RELATIONS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                relations.put(rows.getLong(1), rows.getString(2));
                objects.add(rows.getString(3) + " " + rows.getString(2));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                objects.add("column " + rows.getString(1) + " " + rows.getString(2)
                        + (rows.getBoolean(3) ? " not null" : "")
                        + (rows.getString(4) == null ? "" : " default " + rows.getString(4))
                        + (rows.getString(5).isEmpty() ? "" : " identity " + rows.getString(5))
                        + (rows.getString(6).isEmpty() ? "" : " generated " + rows.getString(6)));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(INDEXES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                objects.add("index " + rows.getString(1) + ": " + rows.getString(2));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(CONSTRAINTS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                objects.add("constraint " + rows.getString(1) + ": " + rows.getString(2));
            }
        }
        return new SchemaSnapshot(objects, relations);
    }

    /** The relation's {@code schema.name} when it existed at this snapshot, else null. */
    String relation(long oid) {
        return relations.get(oid);
    }

    /** What {@code later} lacks of this snapshot ("not restored") and has in addition ("left over"), one line each. */
    List<String> differencesIn(SchemaSnapshot later) {
        List<String> differences = new ArrayList<>();
        for (String object : objects) {
            if (!later.objects.contains(object)) {
                differences.add("not restored: " + object);
            }
        }
        for (String object : later.objects) {
            if (!objects.contains(object)) {
                differences.add("left over: " + object);
            }
        }
        return differences;
    }
}
