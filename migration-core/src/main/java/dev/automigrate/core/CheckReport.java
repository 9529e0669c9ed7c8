package dev.automigrate.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The pre-deploy gate's verdict with its reasons, changeset by changeset.
 *
 * @param connection null when the database could not be reached
 * @param status     null when the database could not be reached
 */
public record CheckReport(ExitCode verdict, ConnectionInfo connection, DatabaseStatus status, boolean allowPending,
                          String error) {

    public static CheckReport of(StatusReport report, boolean allowPending) {
        DatabaseStatus status = report.status();
        ExitCode verdict = status.hasDrift() ? ExitCode.DRIFT
                : !status.pending().isEmpty() && !allowPending ? ExitCode.PENDING
                : ExitCode.SUCCESS;
        return new CheckReport(verdict, report.connection(), status, allowPending, null);
    }

    public static CheckReport unreachable(String error) {
        return new CheckReport(ExitCode.DATABASE_UNREACHABLE, null, null, false, error);
    }

    public boolean passed() {
        return verdict == ExitCode.SUCCESS;
    }

    /** Why the check failed (or what it let through), one line per changeset. */
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
        return reasons;
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
                    .field("upToDate", status.upToDate())
                    .field("applied", status.applied().size());
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
        json.name("reasons").beginArray();
        reasons().forEach(json::value);
        json.endArray();
        return json.endObject().toString();
    }
}
