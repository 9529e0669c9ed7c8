package dev.automigrate.core.liquibase.diff;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddDefaultValueChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.CreateViewChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropNotNullConstraintChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropViewChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RawSQLChange;
import liquibase.database.Database;
import liquibase.datatype.DataTypeFactory;
import liquibase.statement.DatabaseFunction;

/**
 * Repairs of Liquibase's diff output, each found by a round trip on PostgreSQL 17 (apply the changes, diff again,
 * roll back) that failed without it. Where Liquibase's snapshot lost a detail, the desired database's catalog
 * supplies it.
 */
final class DiffRepairs {
    private static final String NUMBER = "-?\\d+(\\.\\d+)?";

    private DiffRepairs() {
    }

    /**
     * @param desired the connection to the desired schema, whose catalog fills in what the snapshot lost
     * @param target  the schema the changes will run on, for Liquibase's type names
     */
    static List<Change> repair(List<Change> changes, Connection desired, Database target) throws SQLException {
        List<Change> repaired = partialIndexesAsSql(viewsDroppedAndCreated(primaryKeyDropsFirst(changes)), desired);
        for (Change change : repaired) {
            nativeTypeNames(change, target);
            columnsFromCatalog(change, desired);
            defaultsFromCatalog(change, desired);
        }
        return repaired;
    }

    /**
     * Liquibase orders changed objects by type, columns before primary keys: a key that loses a column then fails on
     * {@code dropNotNullConstraint} (the column is still in the key). Primary key drops go right after the foreign
     * key drops Liquibase puts first. (Sorting every change by kind breaks Liquibase's add/drop/add of a changed
     * unique constraint, so only this move is made.)
     */
    private static List<Change> primaryKeyDropsFirst(List<Change> changes) {
        List<Change> ordered = new ArrayList<>();
        int insertAt = 0;
        for (Change change : changes) {
            if (change instanceof DropForeignKeyConstraintChange && insertAt == ordered.size()) {
                ordered.add(change);
                insertAt++;
            } else if (change instanceof DropPrimaryKeyChange) {
                ordered.add(insertAt++, change);
            } else {
                ordered.add(change);
            }
        }
        return ordered;
    }

    /**
     * A changed view comes as {@code createView replaceIfExists}, which PostgreSQL's CREATE OR REPLACE VIEW refuses
     * when a column goes or changes ("cannot drop columns from view"); drop and create always work.
     */
    private static List<Change> viewsDroppedAndCreated(List<Change> changes) {
        List<Change> repaired = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof CreateViewChange view && Boolean.TRUE.equals(view.getReplaceIfExists())) {
                DropViewChange drop = new DropViewChange();
                drop.setViewName(view.getViewName());
                repaired.add(drop);
                view.setReplaceIfExists(null);
            }
            repaired.add(change);
        }
        return repaired;
    }

    /** Liquibase's index snapshot has no WHERE: a partial index is created from the catalog's own definition. */
    private static List<Change> partialIndexesAsSql(List<Change> changes, Connection desired) throws SQLException {
        List<Change> repaired = new ArrayList<>();
        for (Change change : changes) {
            String definition = change instanceof CreateIndexChange index ? partialIndex(desired, index) : null;
            repaired.add(definition == null ? change : new RawSQLChange(definition));
        }
        return repaired;
    }

    private static String partialIndex(Connection desired, CreateIndexChange index) throws SQLException {
        try (PreparedStatement statement = desired.prepareStatement("""
                select replace(pg_get_indexdef(i.indexrelid), ' ON public.', ' ON ') from pg_index i
                join pg_class x on x.oid = i.indexrelid join pg_namespace n on n.oid = x.relnamespace
                where n.nspname = 'public' and x.relname = ? and i.indpred is not null""")) {
            statement.setString(1, index.getIndexName());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /**
     * Changes for changed columns carry Liquibase's portable type names ({@code clob}, {@code number(14,2)}), which
     * readers of a PostgreSQL changelog should not have to translate.
     */
    private static void nativeTypeNames(Change change, Database target) {
        if (change instanceof ModifyDataTypeChange modify) {
            modify.setNewDataType(nativeType(modify.getNewDataType(), target));
        } else if (change instanceof AddDefaultValueChange add) {
            add.setColumnDataType(nativeType(add.getColumnDataType(), target));
        } else if (change instanceof DropDefaultValueChange drop) {
            drop.setColumnDataType(nativeType(drop.getColumnDataType(), target));
        } else if (change instanceof AddNotNullConstraintChange add) {
            add.setColumnDataType(nativeType(add.getColumnDataType(), target));
        } else if (change instanceof DropNotNullConstraintChange drop) {
            drop.setColumnDataType(nativeType(drop.getColumnDataType(), target));
        }
    }

    private static String nativeType(String type, Database target) {
        return type == null ? null
                : DataTypeFactory.getInstance().fromDescription(type, target).toDatabaseDataType(target).toString();
    }

    /**
     * Column types as PostgreSQL's {@code format_type} spells them: Liquibase writes an interval as
     * {@code INTERVAL(49, 6)(49, 6)…} and an enum type upper-cased. An identity column keeps Liquibase's
     * {@code autoIncrement}, which it always writes BY DEFAULT: ALWAYS is set from the catalog.
     */
    private static void columnsFromCatalog(Change change, Connection desired) throws SQLException {
        if (change instanceof ModifyDataTypeChange modify) {
            CatalogColumn column = CatalogColumn.read(desired, modify.getTableName(), modify.getColumnName());
            if (column != null) {
                modify.setNewDataType(column.type());
            }
            return;
        }
        String table = tableOf(change);
        for (ColumnConfig config : columnsOf(change)) {
            CatalogColumn column = CatalogColumn.read(desired, table, config.getName());
            if (column == null) {
                continue;
            }
            config.setType(column.type());
            if (Boolean.TRUE.equals(config.isAutoIncrement()) && column.identityAlways()) {
                config.setGenerationType("ALWAYS");
            }
        }
    }

    /**
     * Defaults as the catalog writes them: Liquibase turns {@code '{}'::jsonb} into {@code DEFAULT {}} (an SQL error)
     * and {@code 1.50} into {@code 1.5}. A computed default, or a numeric one Liquibase rewrote, becomes the
     * desired column's own expression.
     */
    private static void defaultsFromCatalog(Change change, Connection desired) throws SQLException {
        if (change instanceof AddDefaultValueChange add) {
            CatalogColumn column = CatalogColumn.read(desired, add.getTableName(), add.getColumnName());
            if (column != null && column.defaultValue() != null && (add.getDefaultValueComputed() != null
                    || renumbered(add.getDefaultValueNumeric(), column.defaultValue()))) {
                add.setDefaultValueNumeric(null);
                add.setDefaultValueComputed(new DatabaseFunction(column.defaultValue()));
            }
            return;
        }
        String table = tableOf(change);
        for (ColumnConfig config : columnsOf(change)) {
            if (Boolean.TRUE.equals(config.isAutoIncrement())) {
                continue;
            }
            boolean computed = config.getDefaultValueComputed() != null;
            Number numeric = config.getDefaultValueNumeric();
            if (!computed && numeric == null) {
                continue;
            }
            CatalogColumn column = CatalogColumn.read(desired, table, config.getName());
            if (column != null && column.defaultValue() != null
                    && (computed || renumbered(String.valueOf(numeric), column.defaultValue()))) {
                config.setDefaultValueNumeric((Number) null);
                config.setDefaultValueComputed(new DatabaseFunction(column.defaultValue()));
            }
        }
    }

    /** Whether Liquibase's number would not give the catalog's text back: another value, or trailing zeros lost. */
    private static boolean renumbered(String written, String catalog) {
        return written != null && catalog.matches(NUMBER) && (!catalog.equals(written)
                || !new BigDecimal(catalog).stripTrailingZeros().toPlainString().equals(catalog));
    }

    private static String tableOf(Change change) {
        if (change instanceof CreateTableChange create) {
            return create.getTableName();
        }
        return change instanceof AddColumnChange add ? add.getTableName() : null;
    }

    private static List<? extends ColumnConfig> columnsOf(Change change) {
        if (change instanceof CreateTableChange create) {
            return create.getColumns();
        }
        return change instanceof AddColumnChange add ? add.getColumns() : List.of();
    }

    /** A column of the desired schema as its catalog has it. */
    private record CatalogColumn(String type, boolean identityAlways, String defaultValue) {
        static CatalogColumn read(Connection connection, String table, String column) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select format_type(a.atttypid, a.atttypmod), a.attidentity = 'a', pg_get_expr(d.adbin, d.adrelid)
                    from pg_attribute a join pg_class t on t.oid = a.attrelid
                    join pg_namespace n on n.oid = t.relnamespace
                    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                    where n.nspname = 'public' and t.relname = ? and a.attname = ? and not a.attisdropped""")) {
                statement.setString(1, table);
                statement.setString(2, column);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? new CatalogColumn(rows.getString(1), rows.getBoolean(2), rows.getString(3))
                            : null;
                }
            }
        }
    }
}
