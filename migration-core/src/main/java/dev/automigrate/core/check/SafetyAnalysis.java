package dev.automigrate.core.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the {@link SafetyRule}s to the SQL of pending changesets. Rules about a table apply only
 * to tables that exist before the deploy: a table created earlier in the same batch has no traffic yet.
 * Pure: the existing tables are given, nothing is read from a database.
 */
public final class SafetyAnalysis {
    private static final String NAME = "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)";
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^CREATE (?:UNLOGGED |TEMP |TEMPORARY )?TABLE (?:IF NOT EXISTS )?" + NAME);
    private static final Pattern DROP_TABLE = Pattern.compile("^DROP TABLE (?:IF EXISTS )?" + NAME);
    private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + NAME + " (.*)$");
    private static final Pattern TRUNCATE = Pattern.compile("^TRUNCATE (?:TABLE )?(?:ONLY )?" + NAME);
    private static final Pattern DELETE = Pattern.compile("^DELETE FROM (?:ONLY )?" + NAME);
    private static final Pattern UPDATE = Pattern.compile("^UPDATE (?:ONLY )?" + NAME + " ");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?.*? ON (?:ONLY )?" + NAME);
    private static final Pattern CONCURRENT_INDEX = Pattern.compile("^(?:CREATE (?:UNIQUE )?|DROP )INDEX CONCURRENTLY");
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "(?:^|, ?)DROP (?:COLUMN )?(?!CONSTRAINT |DEFAULT|NOT NULL|IDENTITY|EXPRESSION)(?:IF EXISTS )?[\\w\"$]+");
    private static final Pattern RENAME_TABLE = Pattern.compile("^RENAME TO ");
    private static final Pattern RENAME_COLUMN = Pattern.compile("^RENAME (?:COLUMN )?(?!CONSTRAINT |TO )[\\w\"$]+ TO ");
    private static final Pattern ALTER_TYPE = Pattern.compile("ALTER (?:COLUMN )?[\\w\"$]+ (?:SET DATA )?TYPE ");
    private static final Pattern SET_NOT_NULL = Pattern.compile("ALTER (?:COLUMN )?[\\w\"$]+ SET NOT NULL");
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "(?:^|, ?)ADD (?:COLUMN )?(?!CONSTRAINT |FOREIGN |CHECK|UNIQUE|PRIMARY )(?:IF NOT EXISTS )?([^,]*)");
    private static final Pattern VOLATILE_DEFAULT = Pattern.compile(
            "DEFAULT .*\\b(RANDOM|GEN_RANDOM_UUID|UUID_GENERATE_V[14]|CLOCK_TIMESTAMP|TIMEOFDAY|NEXTVAL|TXID_CURRENT)\\b");
    private static final Pattern ALLOW = Pattern.compile("automigrate:allow\\s+([a-z0-9-]+)\\s*([^\\n*]*)",
            Pattern.CASE_INSENSITIVE);

    private SafetyAnalysis() {
    }

    public static List<Finding> analyse(List<PlannedChangeSet> planned, Set<String> existingTables) {
        Set<String> existing = new HashSet<>();
        existingTables.forEach(t -> existing.add(tableName(t)));
        Set<String> createdInBatch = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (PlannedChangeSet changeSet : planned) {
            for (String statement : changeSet.sql()) {
                String sql = normalise(statement);
                Matcher created = CREATE_TABLE.matcher(sql);
                if (created.find()) {
                    createdInBatch.add(tableName(created.group(1)));
                    continue;
                }
                for (SafetyRule rule : rulesFor(sql, changeSet.runInTransaction(), t -> live(t, existing, createdInBatch))) {
                    findings.add(new Finding(rule, changeSet.changeSet(), statement.strip(), acceptance(rule, changeSet)));
                }
            }
        }
        return findings;
    }

    private interface LiveTable {
        boolean test(String table);
    }

    private static List<SafetyRule> rulesFor(String sql, boolean inTransaction, LiveTable live) {
        List<SafetyRule> rules = new ArrayList<>();
        if (CONCURRENT_INDEX.matcher(sql).find() && inTransaction) {
            rules.add(SafetyRule.CONCURRENTLY_IN_TRANSACTION);
        }
        Matcher m = DROP_TABLE.matcher(sql);
        if (m.find() && live.test(m.group(1))) {
            rules.add(SafetyRule.DROP_TABLE);
        }
        m = TRUNCATE.matcher(sql);
        if (m.find() && live.test(m.group(1))) {
            rules.add(SafetyRule.TRUNCATE);
        }
        m = DELETE.matcher(sql);
        if (m.find() && live.test(m.group(1)) && !sql.contains(" WHERE ")) {
            rules.add(SafetyRule.DELETE_WITHOUT_WHERE);
        }
        m = UPDATE.matcher(sql);
        if (m.find() && live.test(m.group(1)) && !sql.contains(" WHERE ")) {
            rules.add(SafetyRule.UPDATE_WITHOUT_WHERE);
        }
        m = CREATE_INDEX.matcher(sql);
        if (m.find() && m.group(1) == null && live.test(m.group(2))) {
            rules.add(SafetyRule.CREATE_INDEX_NOT_CONCURRENTLY);
        }
        m = ALTER_TABLE.matcher(sql);
        if (m.find() && live.test(m.group(1))) {
            rules.addAll(alterTableRules(m.group(2)));
        }
        return rules;
    }

    private static List<SafetyRule> alterTableRules(String actions) {
        List<SafetyRule> rules = new ArrayList<>();
        if (RENAME_TABLE.matcher(actions).find()) {
            rules.add(SafetyRule.RENAME_TABLE);
        }
        if (RENAME_COLUMN.matcher(actions).find()) {
            rules.add(SafetyRule.RENAME_COLUMN);
        }
        if (DROP_COLUMN.matcher(actions).find()) {
            rules.add(SafetyRule.DROP_COLUMN);
        }
        if (ALTER_TYPE.matcher(actions).find()) {
            rules.add(SafetyRule.ALTER_COLUMN_TYPE);
        }
        if (SET_NOT_NULL.matcher(actions).find()) {
            rules.add(SafetyRule.SET_NOT_NULL);
        }
        Matcher column = ADD_COLUMN.matcher(actions);
        while (column.find()) {
            String definition = column.group(1);
            if (definition.contains("NOT NULL") && !definition.contains("DEFAULT ")
                    && !definition.contains("GENERATED ")) {
                rules.add(SafetyRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT);
            }
            if (VOLATILE_DEFAULT.matcher(definition).find()) {
                rules.add(SafetyRule.ADD_COLUMN_VOLATILE_DEFAULT);
            }
        }
        if (actions.matches(".*\\bADD (?:CONSTRAINT [\\w\"$]+ )?FOREIGN KEY\\b.*") && !actions.contains("NOT VALID")) {
            rules.add(SafetyRule.ADD_FOREIGN_KEY_WITHOUT_NOT_VALID);
        }
        if (actions.matches(".*\\bADD (?:CONSTRAINT [\\w\"$]+ )?CHECK\\b.*") && !actions.contains("NOT VALID")) {
            rules.add(SafetyRule.ADD_CHECK_WITHOUT_NOT_VALID);
        }
        if (actions.matches(".*\\bADD (?:CONSTRAINT [\\w\"$]+ )?UNIQUE\\b.*") && !actions.contains("USING INDEX")) {
            rules.add(SafetyRule.ADD_UNIQUE_CONSTRAINT);
        }
        return rules;
    }

    private static boolean live(String table, Set<String> existing, Set<String> createdInBatch) {
        String name = tableName(table);
        return existing.contains(name) && !createdInBatch.contains(name);
    }

    /** The reason a changeset gives for accepting the rule in its comments or SQL, or null. */
    static String acceptance(SafetyRule rule, PlannedChangeSet changeSet) {
        return acceptance(rule, changeSet.comments() + "\n" + String.join("\n", changeSet.sql()));
    }

    private static String acceptance(SafetyRule rule, String text) {
        Matcher allow = ALLOW.matcher(text);
        while (allow.find()) {
            if (allow.group(1).equalsIgnoreCase(rule.id())) {
                String reason = allow.group(2).strip();
                return reason.isEmpty() ? "no reason given" : reason;
            }
        }
        return null;
    }

    /** Upper case, comments and string literals removed, whitespace collapsed: what the patterns read. */
    static String normalise(String sql) {
        String text = sql.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("--[^\\n]*", " ")
                .replaceAll("'(?:[^']|'')*'", "''");
        return text.replaceAll("\\s+", " ").strip().toUpperCase(Locale.ROOT);
    }

    /** {@code public."Crews"} and {@code CREWS} name the same table here: schema dropped, quotes and case ignored. */
    static String tableName(String name) {
        String table = name.replace("\"", "");
        return table.substring(table.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
