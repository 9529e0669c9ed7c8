package dev.automigrate.core.liquibase.diff;

import dev.automigrate.core.MigrationException;
import dev.automigrate.core.generate.GenerationFailedException;
import dev.automigrate.core.liquibase.LiquibaseErrors;
import dev.automigrate.core.liquibase.LiquibaseScope;
import dev.automigrate.core.status.TrackingTables;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import liquibase.CatalogAndSchema;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.ObjectQuotingStrategy;
import liquibase.database.jvm.JdbcConnection;
import liquibase.diff.DiffGeneratorFactory;
import liquibase.diff.DiffResult;
import liquibase.diff.Difference;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.compare.CompareControl;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.StandardObjectChangeFilter;
import liquibase.diff.output.changelog.DiffToChangeLog;
import liquibase.snapshot.DatabaseSnapshot;
import liquibase.snapshot.SnapshotControl;
import liquibase.snapshot.SnapshotGeneratorFactory;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import liquibase.structure.core.ForeignKey;
import liquibase.structure.core.Index;
import liquibase.structure.core.PrimaryKey;
import liquibase.structure.core.Sequence;
import liquibase.structure.core.Table;
import liquibase.structure.core.UniqueConstraint;
import liquibase.structure.core.View;

/**
 * Liquibase's own diff of two PostgreSQL schemas, as its {@code diff-changelog} command computes it, turned into
 * the changes that bring the actual schema to the desired one. Only the {@code public} schema is compared, and
 * Liquibase's tracking tables and the fingerprint are left out. Nothing is written to either database.
 */
public final class LiquibaseSchemaDiff {
    /** Columns, keys and indexes belong to tables, but are compared only when listed. */
    @SuppressWarnings("unchecked")
    private static final Class<? extends DatabaseObject>[] TYPES = new Class[] {Table.class, Column.class,
            PrimaryKey.class, UniqueConstraint.class, ForeignKey.class, Index.class, Sequence.class, View.class};
    /**
     * Applied to a table's name, and to the table of a column, key or index: one entry leaves out the table and all
     * on it. Liquibase splits the list on commas and each entry on its colon, so the tables are one regex.
     */
    private static final String NOT_COMPARED = "table:(?i)" + String.join("|", TrackingTables.NAMES);
    private static final String SCHEMA = "public";

    private LiquibaseSchemaDiff() {
    }

    /**
     * The changes that make {@code actual} what {@code desired} is, repaired where Liquibase's own output does not
     * round-trip on PostgreSQL, and completed from the catalog with what Liquibase does not compare.
     */
    public static SchemaComparison compare(Connection desired, Connection actual) {
        try {
            return LiquibaseScope.run(() -> {
                Database reference = wrap(desired);
                Database target = wrap(actual);
                DiffResult diff = DiffGeneratorFactory.getInstance().compare(snapshot(reference), snapshot(target),
                        // Liquibase calls retainAll on this set: it must be mutable
                        new CompareControl(schemas(), new HashSet<>(Arrays.asList(TYPES))));
                withoutEquivalentDefaults(diff);
                List<Change> changes = DiffRepairs.repair(changes(diff, reference), desired, target);
                return new SchemaComparison(changes, CatalogSupplement.of(desired, actual));
            });
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new GenerationFailedException("cannot compare the schemas: " + LiquibaseErrors.describe(e), e);
        }
    }

    /** Liquibase's database for a connection the caller owns; wrapping creates nothing in the database. */
    private static Database wrap(Connection connection) throws Exception {
        return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    }

    private static CompareControl.SchemaComparison[] schemas() {
        return new CompareControl.SchemaComparison[] {new CompareControl.SchemaComparison(
                new CatalogAndSchema(null, SCHEMA), new CatalogAndSchema(null, SCHEMA))};
    }

    private static DatabaseSnapshot snapshot(Database database) throws Exception {
        SnapshotControl control = new SnapshotControl(database, notCompared(), TYPES);
        CatalogAndSchema[] schemas = {new CatalogAndSchema(database.getDefaultCatalogName(), SCHEMA)};
        ObjectQuotingStrategy quoting = database.getObjectQuotingStrategy();
        try {
            // as Liquibase's diff command: names are read exactly as the catalog spells them
            database.setObjectQuotingStrategy(ObjectQuotingStrategy.QUOTE_ALL_OBJECTS);
            DatabaseSnapshot snapshot = SnapshotGeneratorFactory.getInstance().createSnapshot(schemas, database,
                    control);
            snapshot.setSchemaComparisons(schemas());
            return snapshot;
        } finally {
            database.setObjectQuotingStrategy(quoting);
        }
    }

    private static StandardObjectChangeFilter notCompared() {
        return new StandardObjectChangeFilter(StandardObjectChangeFilter.FilterType.EXCLUDE, NOT_COMPARED);
    }

    /**
     * Liquibase writes a CURRENT_TIMESTAMP default as NOW(), and then reports now() against CURRENT_TIMESTAMP as a
     * changed default on every later diff. Such differences are removed ({@code getChangedObjects()} is the
     * result's own map).
     */
    private static void withoutEquivalentDefaults(DiffResult diff) {
        Iterator<Map.Entry<DatabaseObject, ObjectDifferences>> changed = diff.getChangedObjects().entrySet().iterator();
        while (changed.hasNext()) {
            Map.Entry<DatabaseObject, ObjectDifferences> entry = changed.next();
            ObjectDifferences differences = entry.getValue();
            Difference defaultValue = differences.getDifference("defaultValue");
            if (entry.getKey() instanceof Column && defaultValue != null
                    && sameDefault(defaultValue.getReferenceValue(), defaultValue.getComparedValue())) {
                differences.removeDifference("defaultValue");
            }
            if (!differences.hasDifferences()) {
                changed.remove();
            }
        }
    }

    private static boolean sameDefault(Object desired, Object actual) {
        return timestampFunction(desired).equals(timestampFunction(actual));
    }

    private static String timestampFunction(Object value) {
        String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "now()", "current_timestamp", "current_timestamp()", "transaction_timestamp()" -> "now()";
            default -> text;
        };
    }

    /** Liquibase's changes in its own order: created objects, dropped ones, changed ones; foreign key drops first. */
    private static List<Change> changes(DiffResult diff, Database reference) throws Exception {
        DiffOutputControl output = new DiffOutputControl(false, false, false, schemas());
        output.setObjectChangeFilter(notCompared());
        // as diff-changelog without --include-schema: no schemaName in the changes
        reference.setOutputDefaultSchema(false);
        DiffToChangeLog writer = new DiffToChangeLog(diff, output);
        ObjectQuotingStrategy quoting = reference.getObjectQuotingStrategy();
        List<Change> changes = new ArrayList<>();
        try {
            reference.setObjectQuotingStrategy(ObjectQuotingStrategy.QUOTE_ALL_OBJECTS);
            for (ChangeSet changeSet : writer.generateChangeSets()) {
                changes.addAll(changeSet.getChanges());
            }
        } finally {
            reference.setObjectQuotingStrategy(quoting);
        }
        return changes;
    }
}
