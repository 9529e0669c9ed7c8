package dev.automigrate.core.check;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.JsonWriter;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.database.ConnectionInfo;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.status.Drift;
import dev.automigrate.core.status.SchemaCatalog;
import dev.automigrate.core.status.StatusReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-deploy gate's verdict with its reasons, changeset by changeset: drift, pending changesets,
 * the SQL they will run, and the safety rules that SQL breaks.
 *
 * @param connection     null when the database could not be reached
 * @param status         null when the database could not be reached
 * @param plan           the pending changesets with their SQL
 * @param findings       safety rules matched by that SQL; an unaccepted error-level one fails the check
 * @param invalidIndexes indexes a failed CREATE INDEX CONCURRENTLY left behind
 */
public record CheckReport(ExitCode verdict, ConnectionInfo connection, DatabaseStatus status, boolean allowPending,
                          String error, List<PlannedChangeSet> plan, List<Finding> findings,
                          List<String> invalidIndexes) {

    public CheckReport {
        plan = List.copyOf(plan);
        findings = List.copyOf(findings);
        invalidIndexes = List.copyOf(invalidIndexes);
    }

    public static CheckReport of(StatusReport report, boolean allowPending) {
        return of(report, allowPending, List.of(), List.of());
    }

    public static CheckReport of(StatusReport report, boolean allowPending, List<PlannedChangeSet> plan,
                                 List<Finding> findings) {
        DatabaseStatus status = report.status();
        boolean blocked = findings.stream().anyMatch(Finding::blocking);
        ExitCode verdict = status.hasDrift() ? ExitCode.DRIFT
                : (!status.pending().isEmpty() && !allowPending) || blocked ? ExitCode.PENDING
                : ExitCode.SUCCESS;
        return new CheckReport(verdict, report.connection(), status, allowPending, null, plan, findings,
                report.invalidIndexes());
    }

    public static CheckReport unreachable(String error) {
        return new CheckReport(ExitCode.DATABASE_UNREACHABLE, null, null, false, error, List.of(), List.of(), List.of());
    }

    public boolean passed() {
        return verdict == ExitCode.SUCCESS;
    }

    /** Why the check failed (or what it let through), one line per changeset or finding. */
    public List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        if (error != null) {
            reasons.add(error);
            return reasons;
        }
        for (Drift drift : status.drift()) {
            reasons.add("drift: " + drift.describe());
        }
        for (PendingChangeSet pending : status.pending()) {
            reasons.add((allowPending ? "pending (allowed): " : "pending: ") + pending.identity());
        }
        findingsByChangeSet().forEach((identity, found) ->
                found.forEach(f -> reasons.add("  " + identity + ": " + f.describe())));
        for (String index : invalidIndexes) {
            reasons.add("warning: " + SchemaCatalog.repair(index));
        }
        return reasons;
    }

    /** Findings grouped by changeset identity, in changelog order. */
    public Map<String, List<Finding>> findingsByChangeSet() {
        Map<String, List<Finding>> grouped = new LinkedHashMap<>();
        for (Finding finding : findings) {
            grouped.computeIfAbsent(finding.changeSet().identity(), k -> new ArrayList<>()).add(finding);
        }
        return grouped;
    }

    /** The machine-readable report, as written to {@code check.json}. */
    public String toJson() {
        JsonWriter json = new JsonWriter();
        json.beginObject()
                .field("passed", passed())
                .field("exitCode", verdict.code())
                .field("verdict", verdict.name())
                .field("allowPending", allowPending)
                .field("error", error);
        json.name("database").beginObject()
                .field("connected", connection != null)
                .field("url", connection == null ? null : connection.maskedUrl())
                .field("product", connection == null ? null : connection.product())
                .endObject();
        if (status != null) {
            json.name("migrations").beginObject()
                    .field("currentRevision", status.currentRevision())
                    .field("latestRevision", status.latestRevision())
                    .field("latestTag", status.latestTag())
                    .field("upToDate", status.upToDate())
                    .field("applied", status.appliedCount());
            json.name("pending").beginArray();
            for (PendingChangeSet pending : status.pending()) {
                json.beginObject().field("id", pending.id()).field("author", pending.author())
                        .field("changeLog", pending.changeLog()).endObject();
            }
            json.endArray();
            json.name("drift").beginArray();
            for (Drift drift : status.drift()) {
                json.beginObject().field("kind", drift.kind().name()).field("id", drift.id())
                        .field("author", drift.author()).field("changeLog", drift.changeLog())
                        .field("detail", drift.detail()).endObject();
            }
            json.endArray().endObject();
        }
        json.name("plan").beginArray();
        for (PlannedChangeSet planned : plan) {
            json.beginObject().field("id", planned.changeSet().id()).field("author", planned.changeSet().author())
                    .field("changeLog", planned.changeSet().changeLog())
                    .field("runInTransaction", planned.runInTransaction());
            json.name("sql").beginArray();
            planned.sql().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray();
        json.name("findings").beginArray();
        for (Finding finding : findings) {
            json.beginObject().field("rule", finding.rule().id())
                    .field("severity", finding.rule().severity().name())
                    .field("category", finding.rule().category().name())
                    .field("id", finding.changeSet().id()).field("author", finding.changeSet().author())
                    .field("changeLog", finding.changeSet().changeLog())
                    .field("statement", finding.statement())
                    .field("accepted", finding.accepted())
                    .field("acceptance", finding.acceptance())
                    .field("blocking", finding.blocking())
                    .field("reason", finding.rule().reason())
                    .field("fix", finding.rule().fix())
                    .endObject();
        }
        json.endArray();
        json.name("invalidIndexes").beginArray();
        invalidIndexes.forEach(json::value);
        json.endArray();
        json.name("reasons").beginArray();
        reasons().forEach(json::value);
        json.endArray();
        return json.endObject().toString();
    }
}
