package dev.automigrate.helidon;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.startup.Step;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The values of a migration event as named log fields: {@code event}, {@code step}, {@code changeset}, {@code durationMs}, … */
final class MigrationEventFields {
    private MigrationEventFields() {
    }

    static Map<String, Object> of(MigrationEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event.getClass().getSimpleName());
        switch (event) {
            case MigrationEvent.StepStarted e -> step(fields, e.step());
            case MigrationEvent.StepFinished e -> {
                step(fields, e.step());
                fields.put("summary", e.summary());
                duration(fields, e.duration());
            }
            case MigrationEvent.ConnectionRetry e -> {
                fields.put("attempt", e.attempt());
                fields.put("retryInMs", e.nextDelay().toMillis());
            }
            case MigrationEvent.Connected e -> {
                fields.put("product", e.connection().product());
                fields.put("latencyMs", e.connection().latencyMs());
            }
            case MigrationEvent.LockWaiting e -> {
                fields.put("lockHolder", e.holder());
                duration(fields, e.waited());
            }
            case MigrationEvent.LockAcquired e -> duration(fields, e.waited());
            case MigrationEvent.ChangeLogRead e -> {
                fields.put("changeSets", e.changeSets());
                fields.put("fromRecords", e.fromRecords());
                duration(fields, e.duration());
            }
            case MigrationEvent.PendingFound e -> changeSet(fields, e.changeSet());
            case MigrationEvent.DriftFound e -> {
                fields.put("changeset", e.drift().id());
                fields.put("author", e.drift().author());
                fields.put("changeLog", e.drift().changeLog());
                fields.put("drift", e.drift().kind().name());
            }
            case MigrationEvent.ChangeSetStarting e -> position(fields, e.index(), e.total(), e.changeSet());
            case MigrationEvent.ChangeSetApplied e -> {
                position(fields, e.index(), e.total(), e.changeSet());
                duration(fields, e.duration());
            }
            case MigrationEvent.ChangeSetRollingBack e -> position(fields, e.index(), e.total(), e.changeSet());
            case MigrationEvent.ChangeSetRolledBack e -> {
                position(fields, e.index(), e.total(), e.changeSet());
                duration(fields, e.duration());
            }
            case MigrationEvent.ChangeSetFailed e -> {
                position(fields, e.index(), e.total(), e.changeSet());
                fields.put("error", e.error());
            }
            case MigrationEvent.LockTimeoutRetry e -> {
                position(fields, e.index(), e.total(), e.changeSet());
                fields.put("attempt", e.attempt());
                fields.put("lockTimeoutMs", e.lockTimeout().toMillis());
                fields.put("retryInMs", e.pause().toMillis());
                duration(fields, e.elapsed());
                fields.put("blockingPids", e.blockers().stream().map(b -> String.valueOf(b.pid()))
                        .collect(Collectors.joining(",")));
                fields.put("blockedBy", ReportText.blockers(e.blockers()));
            }
            case MigrationEvent.InvalidIndexDropped e -> {
                changeSet(fields, e.changeSet());
                fields.put("indexName", e.index());
            }
            // an event added later still logs its name and message
            default -> {
            }
        }
        return fields;
    }

    private static void step(Map<String, Object> fields, Step step) {
        fields.put("step", step.label());
        fields.put("stepNumber", step.number());
    }

    private static void position(Map<String, Object> fields, int index, int total, PendingChangeSet changeSet) {
        changeSet(fields, changeSet);
        fields.put("index", index);
        fields.put("total", total);
    }

    private static void changeSet(Map<String, Object> fields, PendingChangeSet changeSet) {
        fields.put("changeset", changeSet.id());
        fields.put("author", changeSet.author());
        fields.put("changeLog", changeSet.changeLog());
    }

    private static void duration(Map<String, Object> fields, Duration duration) {
        fields.put("durationMs", duration.toMillis());
    }
}
