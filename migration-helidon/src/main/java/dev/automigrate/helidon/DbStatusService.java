package dev.automigrate.helidon;

import dev.automigrate.core.JsonWriter;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ChangeSetFilter;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.startup.Policy;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.status.Drift;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /db-status}: always 200, the JSON of product.md, built from the shared probe. The body is
 * serialised once per snapshot and startup state, and its bytes are sent to every request that sees both.
 */
public final class DbStatusService implements HttpService {
    private final Supplier<DatabaseSnapshot> probe;
    private final Supplier<StartupState> startup;
    private final Supplier<ChangeLog> changeLog;
    private final Policy policy;
    private final ChangeSetFilter filter;
    private final String maskedUrl;
    private volatile Rendered rendered;

    /** The body for one snapshot, startup state and parsed changelog, compared by identity. */
    private record Rendered(DatabaseSnapshot snapshot, StartupState state, ChangeLog changeLog, byte[] body) {
        boolean isFor(DatabaseSnapshot snapshot, StartupState state, ChangeLog changeLog) {
            return this.snapshot == snapshot && this.state == state && this.changeLog == changeLog;
        }
    }

    public DbStatusService(Supplier<DatabaseSnapshot> probe, Supplier<StartupState> startup,
                           Supplier<ChangeLog> changeLog, Policy policy, ChangeSetFilter filter, String maskedUrl) {
        this.probe = probe;
        this.startup = startup;
        this.changeLog = changeLog;
        this.policy = policy;
        this.filter = filter;
        this.maskedUrl = maskedUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::dbStatus);
    }

    private void dbStatus(ServerRequest request, ServerResponse response) {
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(body(probe.get(), startup.get(), changeLog.get()));
    }

    private byte[] body(DatabaseSnapshot snapshot, StartupState state, ChangeLog parsed) {
        Rendered cached = rendered;
        if (cached != null && cached.isFor(snapshot, state, parsed)) {
            return cached.body();
        }
        byte[] body = json(snapshot, state, parsed).getBytes(StandardCharsets.UTF_8);
        // while the migration runs, lastRun.durationMs grows with every request
        if (!state.running()) {
            rendered = new Rendered(snapshot, state, parsed, body);
        }
        return body;
    }

    private String json(DatabaseSnapshot snapshot, StartupState state, ChangeLog parsed) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("database").beginObject()
                .field("connected", snapshot.connected())
                .field("url", maskedUrl)
                .field("product", snapshot.product())
                .field("latencyMs", snapshot.latencyMs())
                .field("error", snapshot.error())
                .endObject();

        // an instance migrating now (this one or another replica): who, so a waiting start can be explained
        json.name("lock").beginObject()
                .field("held", snapshot.lockHolder() != null)
                .field("holder", snapshot.lockHolder() == null ? null : snapshot.lockHolder().describe())
                .endObject();

        DatabaseStatus status = snapshot.status();
        json.name("migrations").beginObject()
                .field("currentRevision", status == null ? null : status.currentRevision())
                .field("latestRevision", status != null ? status.latestRevision()
                        : parsed == null ? null : parsed.latestRevision())
                .field("latestTag", status == null ? null : status.latestTag())
                .field("upToDate", status != null && status.upToDate())
                .field("applied", status == null ? 0 : status.appliedCount());
        json.name("pending").beginArray();
        if (status != null) {
            for (PendingChangeSet pending : status.pending()) {
                json.beginObject().field("id", pending.id()).field("author", pending.author())
                        .field("changeLog", pending.changeLog()).endObject();
            }
        }
        json.endArray();
        json.name("runsAlways").beginArray();
        if (status != null) {
            for (PendingChangeSet runsAlways : status.runsAlways()) {
                json.beginObject().field("id", runsAlways.id()).field("author", runsAlways.author())
                        .field("changeLog", runsAlways.changeLog()).endObject();
            }
        }
        json.endArray();
        json.field("filteredOut", status == null ? 0 : status.filteredOut());
        json.name("drift").beginArray();
        if (status != null) {
            for (Drift drift : status.drift()) {
                json.beginObject().field("kind", drift.kind().name()).field("id", drift.id())
                        .field("author", drift.author()).field("changeLog", drift.changeLog()).endObject();
            }
        }
        json.endArray().endObject();

        json.name("policy").beginObject()
                .field("mode", policy.mode().label())
                .field("autoMigrateOnStartup", policy.autoMigrate())
                .field("failOnMigrationError", policy.failOnError())
                .field("contexts", filter.contexts())
                .field("labels", filter.labels())
                .endObject();

        StartupReport report = state.report();
        json.name("lastRun").beginObject()
                .field("outcome", state.running() ? "RUNNING" : report == null ? "SKIPPED" : report.outcome().name())
                .field("running", state.running())
                .field("startedAt", state.startedAt() == null ? null : state.startedAt().toString())
                .field("durationMs", state.elapsed().toMillis())
                .field("applied", report == null ? 0 : report.applied().size());
        StartupState.LockTimeoutWait waiting = state.waiting();
        if (waiting == null) {
            json.field("waiting", (String) null);
        } else {
            // a changeset that gave up on a table lock, and who held it, while it is tried again
            json.name("waiting").beginObject()
                    .field("changeSet", waiting.changeSet().id())
                    .field("author", waiting.changeSet().author())
                    .field("changeLog", waiting.changeSet().changeLog())
                    .field("attempt", waiting.attempt())
                    .field("since", waiting.since().toString())
                    .field("blockedBy", ReportText.blockers(waiting.blockers()))
                    .endObject();
        }
        json.field("error", report == null ? null : report.error())
                .endObject();
        return json.endObject().toString();
    }
}
