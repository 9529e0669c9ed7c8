package dev.automigrate.core.check;

import dev.automigrate.core.changelog.PendingChangeSet;

/**
 * A rule that matched one statement of a pending changeset, or that its rehearsal broke.
 *
 * @param statement  the statement the rule is about; null when it is about the whole changeset
 * @param acceptance the reason given in {@code automigrate:allow <rule-id> <reason>}, or null when not accepted
 * @param detail     what this case adds to the rule's reason (a rehearsal's database error, what a rollback left
 *                   different), or null
 */
public record Finding(SafetyRule rule, PendingChangeSet changeSet, String statement, String acceptance, String detail) {

    public Finding(SafetyRule rule, PendingChangeSet changeSet, String statement, String acceptance) {
        this(rule, changeSet, statement, acceptance, null);
    }

    public boolean accepted() {
        return acceptance != null;
    }

    /** An error-level finding nobody accepted fails the check. */
    public boolean blocking() {
        return rule.severity() == SafetyRule.Severity.ERROR && !accepted();
    }

    public String describe() {
        return rule.severity() + " " + rule.id() + ": " + rule.reason() + (detail == null ? "" : ": " + detail)
                + (accepted()
                ? " (accepted: " + acceptance + ")"
                : ". Fix: " + rule.fix() + ", or accept it with a comment 'automigrate:allow " + rule.id() + " <reason>'");
    }
}
