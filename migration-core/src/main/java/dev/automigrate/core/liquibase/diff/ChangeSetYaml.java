package dev.automigrate.core.liquibase.diff;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.serializer.LiquibaseSerializable;
import liquibase.serializer.core.yaml.YamlChangeLogSerializer;

/**
 * Liquibase's YAML serializer, writing what its own parser reads back and a reviewer reads easily. Liquibase
 * writes a rollback of two or more changes as {@code rollback: {rollback: {changes: …}}}, which its parser rejects
 * ("Unknown change type 'rollback'"): here a rollback is always a list of changes. Keys come in reading order (id,
 * author, comment, the names, then the columns, changes and rollback) instead of A to Z, and attributes that only
 * restate PostgreSQL's defaults ({@code using: btree}, {@code deferrable: false}, …) are left out.
 */
final class ChangeSetYaml extends YamlChangeLogSerializer {
    private static final List<String> FIRST = List.of("id", "author", "comment", "tableName", "viewName", "indexName",
            "sequenceName", "constraintName", "baseTableName", "columnName", "name", "type", "newDataType", "sql");
    private static final List<String> LAST = List.of("columns", "changes", "rollback");
    private static final Map<String, Map<String, Object>> DEFAULTS = Map.of(
            "sql", Map.of("splitStatements", true, "stripComments", false),
            "createIndex", Map.of("using", "btree"),
            "addForeignKeyConstraint", Map.of("deferrable", false, "initiallyDeferred", false, "validate", true,
                    "onUpdate", "NO ACTION", "onDelete", "NO ACTION"),
            "addUniqueConstraint", Map.of("deferrable", false, "initiallyDeferred", false, "disabled", false,
                    "validate", true),
            "addPrimaryKey", Map.of("validate", true));

    static String write(ChangeSet changeSet) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ChangeSetYaml().write(List.of(changeSet), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object toMap(LiquibaseSerializable object) {
        Map<String, Object> map = (Map<String, Object>) super.toMap(object);
        Map<String, Object> fields = (Map<String, Object>) map.get(object.getSerializedObjectName());
        if (object instanceof ChangeSet changeSet && !changeSet.getRollback().getChanges().isEmpty()) {
            List<Object> rollback = new ArrayList<>();
            for (Change change : changeSet.getRollback().getChanges()) {
                rollback.add(toMap(change));
            }
            fields.put("rollback", rollback);
        }
        if (object instanceof Change && fields != null) {
            DEFAULTS.getOrDefault(object.getSerializedObjectName(), Map.of())
                    .forEach((key, value) -> fields.remove(key, value));
        }
        if (fields != null) {
            fields.replaceAll((key, value) -> value instanceof BigDecimal decimal ? plainNumber(decimal) : value);
        }
        return map;
    }

    /** Liquibase writes a decimal as {@code !!float '0'}; a reader expects {@code 0}. */
    private static Object plainNumber(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return stripped.toBigIntegerExact();
        }
        double approximate = decimal.doubleValue();
        return new BigDecimal(Double.toString(approximate)).compareTo(decimal) == 0 ? approximate
                : decimal.toPlainString();
    }

    @Override
    protected Comparator<String> getComparator(LiquibaseSerializable object) {
        return Comparator.comparingInt(ChangeSetYaml::rank).thenComparing(Comparator.naturalOrder());
    }

    private static int rank(String key) {
        int first = FIRST.indexOf(key);
        if (first >= 0) {
            return first;
        }
        int last = LAST.indexOf(key);
        return last >= 0 ? 1000 + last : 500;
    }
}
