package dev.automigrate.core.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The relation locks the rehearsal's own session holds, from {@code pg_locks}. A lock is held until the end of the
 * transaction, so what one changeset took is what the session holds after it and did not hold before it; a lock in a
 * mode an earlier changeset of the rehearsal already holds does not show again.
 */
final class SessionLocks {
    /** PostgreSQL's own catalogs have object ids below this; the catalog reads of the rehearsal lock them. */
    private static final long FIRST_NORMAL_OBJECT_ID = 16384;
    private static final String HELD = "select l.relation::bigint, l.mode, n.nspname || '.' || c.relname "
            + "from pg_locks l left join pg_class c on c.oid = l.relation "
            + "left join pg_namespace n on n.oid = c.relnamespace "
            + "where l.pid = pg_backend_pid() and l.locktype = 'relation' and l.granted "
            + "and l.database = (select oid from pg_database where datname = current_database()) "
            + "and l.relation::bigint >= " + FIRST_NORMAL_OBJECT_ID + " "
            + "and (n.nspname is null or (n.nspname not in ('pg_catalog', 'information_schema') "
            + "and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'))";

    /** One lock the session holds; {@code name} is null for a relation dropped in this transaction. */
    record Held(long relation, String mode, String name) {
    }

    private SessionLocks() {
    }

    static List<Held> held(Connection connection) throws SQLException {
        List<Held> held = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(HELD);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                held.add(new Held(rows.getLong(1), rows.getString(2), rows.getString(3)));
            }
        }
        return held;
    }

    /**
     * The strongest lock per relation among those the session holds now and did not hold {@code before}; a relation
     * the changeset dropped is named as {@code schema} knew it before the changeset.
     */
    static List<TableLock> takenSince(List<Held> before, List<Held> now, SchemaSnapshot schema) {
        Set<String> heldBefore = new HashSet<>();
        before.forEach(lock -> heldBefore.add(lock.relation() + " " + lock.mode()));
        Map<String, TableLock> strongest = new HashMap<>();
        for (Held lock : now) {
            if (heldBefore.contains(lock.relation() + " " + lock.mode())) {
                continue;
            }
            String existingName = schema.relation(lock.relation());
            String name = lock.name() != null ? lock.name()
                    : existingName != null ? existingName : "relation " + lock.relation();
            TableLock taken = new TableLock(name, lock.mode(), existingName != null);
            strongest.merge(name, taken, (a, b) -> a.strength() >= b.strength() ? a : b);
        }
        return List.copyOf(strongest.values());
    }
}
