package dev.automigrate.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.changelog.PendingChangeSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule with a statement that breaks it and a close one that does not, on an existing table "crews". */
class SafetyAnalysisTest {
    private static final Set<String> EXISTING = Set.of("crews", "agents");

    private static List<Finding> analyse(String sql, boolean inTransaction, String comments) {
        PendingChangeSet changeSet = new PendingChangeSet("c1", "ana", "db/changelog/changes/c1.yaml", "");
        return SafetyAnalysis.analyse(List.of(new PlannedChangeSet(changeSet, List.of(sql), inTransaction, comments)),
                EXISTING);
    }

    private static List<String> ruleIds(String sql, boolean inTransaction) {
        return analyse(sql, inTransaction, "").stream().map(f -> f.rule().id()).toList();
    }

    @ParameterizedTest(name = "{0}: positive")
    @CsvSource(delimiter = '|', textBlock = """
            drop-table                          | DROP TABLE public.crews
            drop-column                         | ALTER TABLE public.crews DROP COLUMN name
            truncate                            | TRUNCATE TABLE crews
            delete-without-where                | DELETE FROM crews
            update-without-where                | UPDATE crews SET name = 'x'
            rename-table                        | ALTER TABLE crews RENAME TO teams
            rename-column                       | ALTER TABLE public.crews RENAME COLUMN name TO title
            alter-column-type                   | ALTER TABLE crews ALTER COLUMN name TYPE VARCHAR(10)
            add-column-not-null-without-default | ALTER TABLE crews ADD budget INTEGER NOT NULL
            set-not-null                        | ALTER TABLE crews ALTER COLUMN name SET NOT NULL
            create-index-not-concurrently       | CREATE INDEX idx_crews_name ON public.crews(name)
            add-foreign-key-without-not-valid   | ALTER TABLE agents ADD CONSTRAINT fk_crew FOREIGN KEY (crew_id) REFERENCES crews (id)
            add-check-without-not-valid         | ALTER TABLE crews ADD CONSTRAINT budget_positive CHECK (budget > 0)
            add-unique-constraint               | ALTER TABLE crews ADD CONSTRAINT crews_name_key UNIQUE (name)
            add-column-volatile-default         | ALTER TABLE crews ADD COLUMN token uuid DEFAULT gen_random_uuid()
            """)
    void eachRuleMatchesItsCase(String rule, String sql) {
        assertEquals(List.of(rule), ruleIds(sql, false));
    }

    @ParameterizedTest(name = "{0}: negative")
    @CsvSource(delimiter = '|', textBlock = """
            drop-table                          | DROP TABLE IF EXISTS scratch
            drop-column                         | ALTER TABLE crews DROP CONSTRAINT crews_name_key
            truncate                            | TRUNCATE TABLE scratch
            delete-without-where                | DELETE FROM crews WHERE id = 1
            update-without-where                | UPDATE crews SET name = 'x' WHERE id = 1
            rename-table                        | ALTER TABLE crews RENAME CONSTRAINT a TO b
            rename-column                       | ALTER INDEX crews_pkey RENAME TO crews_pk
            alter-column-type                   | ALTER TABLE crews ALTER COLUMN name SET DEFAULT 'x'
            add-column-not-null-without-default | ALTER TABLE crews ADD budget INTEGER DEFAULT 0 NOT NULL
            set-not-null                        | ALTER TABLE crews ALTER COLUMN name DROP NOT NULL
            create-index-not-concurrently       | CREATE INDEX CONCURRENTLY idx_crews_name ON crews(name)
            add-foreign-key-without-not-valid   | ALTER TABLE agents ADD CONSTRAINT fk_crew FOREIGN KEY (crew_id) REFERENCES crews (id) NOT VALID
            add-check-without-not-valid         | ALTER TABLE crews ADD CONSTRAINT budget_positive CHECK (budget > 0) NOT VALID
            add-unique-constraint               | ALTER TABLE crews ADD CONSTRAINT crews_name_key UNIQUE USING INDEX crews_name_idx
            add-column-volatile-default         | ALTER TABLE crews ADD COLUMN created timestamptz DEFAULT now()
            """)
    void aCloseButSafeStatementPasses(String rule, String sql) {
        assertEquals(List.of(), ruleIds(sql, false), sql);
    }

    @Test
    void concurrentlyInATransactionIsAnError() {
        assertEquals(List.of("concurrently-in-transaction"),
                ruleIds("CREATE INDEX CONCURRENTLY idx ON crews (name)", true));
        assertEquals(List.of("concurrently-in-transaction"), ruleIds("DROP INDEX CONCURRENTLY idx", true));
        assertEquals(List.of(), ruleIds("DROP INDEX CONCURRENTLY idx", false));
    }

    @Test
    void tablesCreatedInTheSameDeployHaveNoTrafficToProtect() {
        PendingChangeSet first = new PendingChangeSet("1", "ana", "a.yaml", "");
        PendingChangeSet second = new PendingChangeSet("2", "ana", "b.yaml", "");
        List<Finding> findings = SafetyAnalysis.analyse(List.of(
                new PlannedChangeSet(first, List.of("CREATE TABLE public.budgets (id INT, crew_id INT)"), true, ""),
                new PlannedChangeSet(second, List.of("CREATE INDEX idx ON budgets (crew_id)",
                        "ALTER TABLE budgets ADD total INT NOT NULL"), true, "")), EXISTING);
        assertEquals(List.of(), findings);
    }

    @Test
    void anAcceptedFindingIsKeptVisibleButDoesNotBlock() {
        List<Finding> findings = analyse("ALTER TABLE crews DROP COLUMN legacy -- automigrate:allow drop-column unused since v1.2",
                true, "");
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).accepted());
        assertEquals("unused since v1.2", findings.get(0).acceptance());
        assertFalse(findings.get(0).blocking());
        assertTrue(findings.get(0).describe().contains("accepted: unused since v1.2"));

        List<Finding> otherRule = analyse("ALTER TABLE crews DROP COLUMN legacy", true,
                "automigrate:allow drop-table not this one");
        assertTrue(otherRule.get(0).blocking());
    }

    @Test
    void commentsAndStringsAreNotReadAsSql() {
        assertEquals(List.of(), ruleIds("INSERT INTO crews (name) VALUES ('DROP TABLE crews') /* DELETE FROM crews */", true));
    }

    @Test
    void warningsDoNotBlockErrorsDo() {
        assertFalse(analyse("CREATE INDEX i ON crews (name)", true, "").get(0).blocking());
        assertTrue(analyse("DROP TABLE crews", true, "").get(0).blocking());
    }
}
