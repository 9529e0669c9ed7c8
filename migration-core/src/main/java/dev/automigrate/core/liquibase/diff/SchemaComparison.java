package dev.automigrate.core.liquibase.diff;

import dev.automigrate.core.generate.SchemaChange;
import java.util.ArrayList;
import java.util.List;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddDefaultValueChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.AlterSequenceChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateSequenceChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.CreateViewChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropNotNullConstraintChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropSequenceChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.DropViewChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.SetColumnRemarksChange;
import liquibase.change.core.SetTableRemarksChange;

/**
 * What a schema diff found: the changes that make the actual schema the desired one, in the order they must run,
 * and what no change could express. Holds Liquibase's changes until a {@link ChangeSetDraft} writes them.
 */
public final class SchemaComparison {
    private final List<Change> changes;
    private final CatalogSupplement supplement;

    SchemaComparison(List<Change> changes, CatalogSupplement supplement) {
        this.changes = List.copyOf(changes);
        this.supplement = supplement;
    }

    /** True when no change is needed (things no change can express may still differ: see {@link #notGenerated}). */
    public boolean isEmpty() {
        return changes.isEmpty() && supplement.isEmpty();
    }

    /** Every change, destructive or not, in the order it would run. */
    public List<SchemaChange> changes() {
        return all().stream().map(SchemaComparison::describe).toList();
    }

    /** The changes that lose data ({@code dropTable}, {@code dropColumn}), which a draft leaves out unless allowed. */
    public List<SchemaChange> destructive() {
        return changes().stream().filter(SchemaChange::destroysData).toList();
    }

    /** Differences the diff found but cannot write (a changed enum type, …), each with what to do instead. */
    public List<String> notGenerated() {
        return List.copyOf(supplement.notGenerated);
    }

    /**
     * One changeset holding the changes, without the destructive ones unless {@code allowDrops}.
     *
     * @param comment what the change does, in words
     */
    public ChangeSetDraft draft(String id, String author, String comment, boolean allowDrops) {
        List<Change> kept = new ArrayList<>();
        List<String> droppedTables = new ArrayList<>();
        for (Change change : all()) {
            if (destroysData(change) && !allowDrops) {
                continue;
            }
            kept.add(change);
            if (change instanceof DropTableChange drop) {
                droppedTables.add(drop.getTableName());
            }
        }
        List<Change> rollbackLast = new ArrayList<>(supplement.rollbackLast);
        for (String table : droppedTables) {
            rollbackLast.addAll(supplement.checksOfDroppedTables.getOrDefault(table, List.of()));
        }
        return new ChangeSetDraft(id, author, comment, kept, supplement.rollbackFirst, rollbackLast);
    }

    /** Liquibase's changes alone, without the catalog's: the body of a rollback computed as a reverse diff. */
    List<Change> liquibaseChanges() {
        return changes;
    }

    private List<Change> all() {
        List<Change> all = new ArrayList<>(supplement.before);
        all.addAll(changes);
        all.addAll(supplement.after);
        return all;
    }

    static boolean destroysData(Change change) {
        return change instanceof DropTableChange || change instanceof DropColumnChange;
    }

    static SchemaChange describe(Change change) {
        return new SchemaChange(change.getSerializedObjectName(), target(change), destroysData(change));
    }

    private static String target(Change change) {
        if (change instanceof CreateTableChange c) {
            return c.getTableName();
        } else if (change instanceof DropTableChange c) {
            return c.getTableName();
        } else if (change instanceof AddColumnChange c) {
            return columns(c.getTableName(), c.getColumns());
        } else if (change instanceof DropColumnChange c) {
            return c.getColumnName() != null ? c.getTableName() + "." + c.getColumnName()
                    : columns(c.getTableName(), c.getColumns());
        } else if (change instanceof ModifyDataTypeChange c) {
            return c.getTableName() + "." + c.getColumnName() + " to " + c.getNewDataType();
        } else if (change instanceof AddNotNullConstraintChange c) {
            return c.getTableName() + "." + c.getColumnName();
        } else if (change instanceof DropNotNullConstraintChange c) {
            return c.getTableName() + "." + c.getColumnName();
        } else if (change instanceof AddDefaultValueChange c) {
            return c.getTableName() + "." + c.getColumnName();
        } else if (change instanceof DropDefaultValueChange c) {
            return c.getTableName() + "." + c.getColumnName();
        } else if (change instanceof SetColumnRemarksChange c) {
            return c.getTableName() + "." + c.getColumnName();
        } else if (change instanceof SetTableRemarksChange c) {
            return c.getTableName();
        } else if (change instanceof CreateIndexChange c) {
            return c.getIndexName() + " on " + c.getTableName();
        } else if (change instanceof DropIndexChange c) {
            return c.getIndexName() + " on " + c.getTableName();
        } else if (change instanceof AddForeignKeyConstraintChange c) {
            return c.getConstraintName() + " on " + c.getBaseTableName() + " → " + c.getReferencedTableName();
        } else if (change instanceof DropForeignKeyConstraintChange c) {
            return c.getConstraintName() + " on " + c.getBaseTableName();
        } else if (change instanceof AddPrimaryKeyChange c) {
            return c.getConstraintName() + " on " + c.getTableName();
        } else if (change instanceof DropPrimaryKeyChange c) {
            return c.getConstraintName() + " on " + c.getTableName();
        } else if (change instanceof AddUniqueConstraintChange c) {
            return c.getConstraintName() + " on " + c.getTableName();
        } else if (change instanceof DropUniqueConstraintChange c) {
            return c.getConstraintName() + " on " + c.getTableName();
        } else if (change instanceof CreateSequenceChange c) {
            return c.getSequenceName();
        } else if (change instanceof AlterSequenceChange c) {
            return c.getSequenceName();
        } else if (change instanceof DropSequenceChange c) {
            return c.getSequenceName();
        } else if (change instanceof CreateViewChange c) {
            return c.getViewName();
        } else if (change instanceof DropViewChange c) {
            return c.getViewName();
        } else if (change instanceof RawSQLChange c) {
            return c.getSql();
        }
        return change.getDescription();
    }

    private static String columns(String table, List<? extends ColumnConfig> columns) {
        List<String> names = columns.stream().map(column -> table + "." + column.getName()).toList();
        return String.join(", ", names);
    }
}
