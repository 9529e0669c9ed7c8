package dev.automigrate.core.check;

import dev.automigrate.core.changelog.PendingChangeSet;

/**
 * A rule that matched one statement of a pending changeset.
 *
 * @param acceptance the reason given in {@code automigrate:allow <rule-id> <reason>}, or null when not accepted
 */
public record Finding(SafetyRule rule, PendingChangeSet changeSet, String statement, String acceptance) {

    public boolean accepted() {
        return acceptance != null;
    }

    /** An error-level finding nobody accepted fails the check. */
    public boolean blocking() {
        return rule.severity() == SafetyRule.Severity.ERROR && !accepted();
    }

    public String describe() {
        return rule.severity() + " " + rule.id() + ": " + rule.reason() + (accepted()
                ? " (accepted: " + acceptance + ")"
                : ". Fix: " + rule.fix() + ", or accept it with a comment 'automigrate:allow " + rule.id() + " <reason>'");
    }
}
