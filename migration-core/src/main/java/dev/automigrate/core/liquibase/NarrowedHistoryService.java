package dev.automigrate.core.liquibase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.StandardChangeLogHistoryService;
import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.exception.DatabaseHistoryException;
import liquibase.executor.jvm.ChangelogJdbcMdcListener;
import liquibase.statement.core.RawParameterizedSqlStatement;

/**
 * Liquibase's history service, reading only the {@code databasechangelog} rows whose id is one of the changesets
 * an update was handed, while {@link #narrowedTo} is in scope, and finding a changeset's row by its id
 * ({@link RanChangeSetIndex}); otherwise exactly Liquibase's. When records stand in
 * for the applied changesets of a long history, update gets only the few it may have to run: every row of another
 * id could never match one of them, yet Liquibase would read, normalise and index all of them several times (a
 * third of a deploy's time at 3,000 rows). Rows are matched by id alone, a superset of Liquibase's own matching by
 * id, author and path, so its checks see every row they could use.
 */
public final class NarrowedHistoryService extends StandardChangeLogHistoryService {
    private static final String IDS = NarrowedHistoryService.class.getName() + ".ids";
    /** Beyond this many ids the rows are read whole: one parameter each, and PostgreSQL takes at most 32,767. */
    private static final int MOST_IDS = 1_000;

    private final RanChangeSetIndex index = new RanChangeSetIndex();

    @Override
    public int getPriority() {
        return PRIORITY_DEFAULT + 1;
    }

    /** Runs {@code work} with the history narrowed to the rows of these changesets' ids, when they are few. */
    static <T> T narrowedTo(Collection<ChangeSet> changeSets, Scope.ScopedRunnerWithReturn<T> work) throws Exception {
        Set<String> ids = new TreeSet<>();
        changeSets.forEach(changeSet -> ids.add(changeSet.getId()));
        return ids.size() > MOST_IDS ? work.run() : Scope.child(Map.<String, Object>of(IDS, ids), work);
    }

    @Override
    public RanChangeSet getRanChangeSet(ChangeSet changeSet) throws DatabaseException, DatabaseHistoryException {
        if (!hasDatabaseChangeLogTable()) {
            return null;
        }
        return index.answers(getRanChangeSets(), changeSet) ? index.find(changeSet) : super.getRanChangeSet(changeSet);
    }

    @Override
    public List<Map<String, ?>> queryDatabaseChangeLogTable(Database database) throws DatabaseException {
        @SuppressWarnings("unchecked")
        Set<String> ids = Scope.getCurrentScope().get(IDS, Set.class);
        if (ids == null) {
            return super.queryDatabaseChangeLogTable(database);
        }
        if (ids.isEmpty()) {
            return new ArrayList<>();
        }
        String table = database.escapeTableName(getLiquibaseCatalogName(), getLiquibaseSchemaName(),
                getDatabaseChangeLogTableName());
        String sql = "SELECT * FROM " + table + " WHERE ID IN (" + String.join(", ", ids.stream().map(id -> "?").toList())
                + ") ORDER BY DATEEXECUTED ASC, ORDEREXECUTED ASC";
        RawParameterizedSqlStatement select = new RawParameterizedSqlStatement(sql, ids.toArray());
        return ChangelogJdbcMdcListener.query(getDatabase(), executor -> executor.queryForList(select));
    }
}
