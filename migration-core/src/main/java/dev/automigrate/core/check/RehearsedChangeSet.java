package dev.automigrate.core.check;

import dev.automigrate.core.changelog.PendingChangeSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What rehearsing one pending changeset showed.
 *
 * @param duration    how long the changeset ran (its first run, before its rollback); zero when it did not run
 * @param locks       the strongest lock it took on each relation, strongest first; empty when it failed or did not run
 * @param failure     the failing statement of the changeset ({@code failed}) or of its rollback ({@code rollback-fails}),
 *                    or the failure that suggests it depends on a changeset that was not rehearsed; else null
 * @param differences how the schema after its rollback differs from the schema before it ({@code rollback-incomplete})
 * @param detail      why it has no rollback or was not rehearsed, or a hint about its failure; else null
 */
public record RehearsedChangeSet(PendingChangeSet changeSet, Outcome outcome, Duration duration, List<TableLock> locks,
                                 StatementFailure failure, List<String> differences, String detail) {

    /** The verdicts, named as the rules of the findings they raise. */
    public enum Outcome {
        OK("ok", null),
        FAILED("failed", SafetyRule.REHEARSAL_FAILED),
        ROLLBACK_FAILS("rollback-fails", SafetyRule.ROLLBACK_FAILS),
        ROLLBACK_INCOMPLETE("rollback-incomplete", SafetyRule.ROLLBACK_INCOMPLETE),
        NO_ROLLBACK("no-rollback", SafetyRule.NO_ROLLBACK),
        NOT_REHEARSED("not-rehearsed", SafetyRule.NOT_REHEARSED);

        private final String id;
        private final SafetyRule rule;

        Outcome(String id, SafetyRule rule) {
            this.id = id;
            this.rule = rule;
        }

        public String id() {
            return id;
        }

        /** The rule a changeset with this outcome breaks; empty for {@code ok}. */
        public Optional<SafetyRule> rule() {
            return Optional.ofNullable(rule);
        }
    }

    public RehearsedChangeSet {
        locks = locks.stream().sorted(Comparator.comparingInt(TableLock::strength).reversed()
                .thenComparing(TableLock::relation)).toList();
        differences = List.copyOf(differences);
    }

    static RehearsedChangeSet notRehearsed(PendingChangeSet changeSet, String why, StatementFailure failure) {
        return new RehearsedChangeSet(changeSet, Outcome.NOT_REHEARSED, Duration.ZERO, List.of(), failure, List.of(),
                why);
    }

    /** The strongest lock on a relation that existed before the changeset: what live traffic would wait for. */
    public Optional<TableLock> strongestLockOnExisting() {
        return locks.stream().filter(TableLock::existing).findFirst();
    }

    /** What a finding says beyond its rule: the database's error and statement, the differences, or why. */
    String findingDetail() {
        return switch (outcome) {
            case FAILED -> failure.describe() + (detail == null ? "" : " (" + detail + ")");
            case ROLLBACK_FAILS -> "its rollback failed: " + failure.describe();
            case ROLLBACK_INCOMPLETE -> String.join("; ", differences);
            case NOT_REHEARSED -> detail + (failure == null ? "" : ": " + failure.describe());
            default -> detail;
        };
    }
}
