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
import java.util.Comparator;
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
 * @param findings       safety rules matched by that SQL, and by its rehearsal; an unaccepted error-level one fails
 *                       the check
 * @param invalidIndexes indexes a failed CREATE INDEX CONCURRENTLY left behind
 * @param rehearsal      what running the pending changesets and their rollbacks showed; null when not asked for
 */
public record CheckReport(ExitCode verdict, ConnectionInfo connection, DatabaseStatus status, boolean allowPending,
                          String error, List<PlannedChangeSet> plan, List<Finding> findings,
                          List<String> invalidIndexes, RehearsalReport rehearsal) {

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
        return of(report, allowPending, plan, findings, null);
    }

    /**
     * @param rehearsal null when not asked for; when it ran, the pending changesets pass as long as their rehearsal
     *                  raised no blocking finding: it is the proof the plan alone cannot give
     */
    public static CheckReport of(StatusReport report, boolean allowPending, List<PlannedChangeSet> plan,
                                 List<Finding> findings, RehearsalReport rehearsal) {
        DatabaseStatus status = report.status();
        List<Finding> all = new ArrayList<>(findings);
        if (rehearsal != null) {
            all.addAll(rehearsal.findings());
            // in changelog order, the plan's findings on a changeset before its rehearsal's
            List<String> order = status.pending().stream().map(PendingChangeSet::identity).toList();
            all.sort(Comparator.comparingInt(finding -> order.indexOf(finding.changeSet().identity())));
        }
        boolean blocked = all.stream().anyMatch(Finding::blocking);
        boolean pendingPass = allowPending || rehearsal != null && rehearsal.ran();
        ExitCode verdict = status.hasDrift() ? ExitCode.DRIFT
                : (!status.pending().isEmpty() && !pendingPass) || blocked ? ExitCode.PENDING
                : ExitCode.SUCCESS;
        return new CheckReport(verdict, report.connection(), status, allowPending, null, plan, all,
                report.invalidIndexes(), rehearsal);
    }

    public static CheckReport unreachable(String error) {
        return new CheckReport(ExitCode.DATABASE_UNREACHABLE, null, null, false, error, List.of(), List.of(), List.of(),
                null);
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
        boolean rehearsed = rehearsal != null && rehearsal.ran();
        for (PendingChangeSet pending : status.pending()) {
            reasons.add((allowPending ? "pending (allowed): " : rehearsed ? "pending (rehearsed): " : "pending: ")
                    + pending.identity());
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
                    .field("detail", finding.detail())
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
        json.name("rehearsal");
        if (rehearsal == null) {
            json.value(null);
        } else {
            rehearsalJson(json, rehearsal);
        }
        json.name("reasons").beginArray();
        reasons().forEach(json::value);
        json.endArray();
        return json.endObject().toString();
    }

    private static void rehearsalJson(JsonWriter json, RehearsalReport rehearsal) {
        json.beginObject()
                .field("ran", rehearsal.ran())
                .field("notRun", rehearsal.notRun())
                .field("stopped", rehearsal.stopped())
                .field("durationMs", rehearsal.duration().toMillis());
        json.name("changeSets").beginArray();
        for (RehearsedChangeSet rehearsed : rehearsal.changeSets()) {
            PendingChangeSet changeSet = rehearsed.changeSet();
            json.beginObject().field("id", changeSet.id()).field("author", changeSet.author())
                    .field("changeLog", changeSet.changeLog())
                    .field("outcome", rehearsed.outcome().id())
                    .field("durationMs", rehearsed.duration().toMillis());
            json.name("locks").beginArray();
            for (TableLock lock : rehearsed.locks()) {
                json.beginObject().field("relation", lock.relation()).field("mode", lock.mode())
                        .field("existing", lock.existing()).endObject();
            }
            json.endArray();
            json.name("error");
            StatementFailure failure = rehearsed.failure();
            if (failure == null) {
                json.value(null);
            } else {
                json.beginObject().field("message", failure.message()).field("sqlState", failure.sqlState())
                        .field("statement", failure.statement()).endObject();
            }
            json.name("differences").beginArray();
            rehearsed.differences().forEach(json::value);
            json.endArray();
            json.field("detail", rehearsed.detail()).endObject();
        }
        json.endArray().endObject();
    }
}
