package dev.automigrate.core;

import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.database.ConnectionInfo;
import dev.automigrate.core.database.DatabaseConnector;
import dev.automigrate.core.liquibase.HeldMigrationLock;
import dev.automigrate.core.liquibase.ParsedChangeLog;
import dev.automigrate.core.startup.Decision;
import dev.automigrate.core.startup.Observation;
import dev.automigrate.core.startup.Outcome;
import dev.automigrate.core.startup.Policy;
import dev.automigrate.core.startup.StartupReport;
import dev.automigrate.core.startup.Step;
import dev.automigrate.core.status.DatabaseStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The startup sequence: test the connection, check the status, initialise tracking, apply, verify.
 * The {@link Policy} decides after each observation; the result is one immutable {@link StartupReport}.
 * Settings errors (a missing changelog, …) are thrown: no policy makes them acceptable.
 */
public final class StartupMigration {
    private final Migrations migrations;
    private final Policy policy;

    public StartupMigration(Migrations migrations) {
        this.migrations = migrations;
        this.policy = migrations.settings().policy();
    }

    public StartupReport run(MigrationListener listener) {
        Run run = new Run(listener);
        Connection connection;
        try {
            run.begin(Step.CONNECT);
            connection = migrations.connector().connect(listener);
        } catch (DatabaseUnreachableException e) {
            run.end(Step.CONNECT, "failed");
            return run.failed(Observation.DATABASE_UNREACHABLE, e, null);
        }
        try (connection) {
            run.connection = DatabaseConnector.describe(connection, migrations.connector().url());
            listener.on(new MigrationEvent.Connected(run.connection));
            run.end(Step.CONNECT, run.connection.product() + ", " + run.connection.latencyMs() + " ms");
            return migrate(connection, run);
        } catch (SQLException e) {
            return run.failed(Observation.DATABASE_UNREACHABLE, migrations.queryFailed(e), run.status);
        }
    }

    private StartupReport migrate(Connection connection, Run run) throws SQLException {
        run.begin(Step.STATUS);
        Optional<DatabaseStatus> upToDate = migrations.fingerprint().upToDateStatus(connection);
        // runAlways changesets run at every automatic start, so they need the changelog
        if (upToDate.isPresent() && policy.decide(upToDate.get().observation()).equals(Decision.start())) {
            run.status = upToDate.get();
            run.end(Step.STATUS, run.status.appliedCount() + " applied, up to date (changelog unchanged since the"
                    + " last run: not parsed)");
            run.skipRemaining(Step.INITIALISE_TRACKING, "nothing pending");
            return run.report(Outcome.UP_TO_DATE, Decision.start(), null, ExitCode.SUCCESS);
        }
        ParsedChangeLog parsed = migrations.parse(connection, run.listener);
        run.status = Migrations.readStatusBeforeApplying(connection, parsed);
        run.status.pending().forEach(p -> run.listener.on(new MigrationEvent.PendingFound(p)));
        run.status.drift().forEach(d -> run.listener.on(new MigrationEvent.DriftFound(d)));
        run.end(Step.STATUS, run.status.appliedCount() + " applied, " + run.status.pending().size() + " pending"
                + (run.status.runsAlways().isEmpty() ? "" : ", " + run.status.runsAlways().size() + " run always")
                + (run.status.filteredOut() == 0 ? "" : ", " + run.status.filteredOut() + " filtered out by "
                + migrations.location().filter().describe())
                + (run.status.hasDrift() ? ", " + run.status.drift().size() + " drifted" : ""));

        Decision decision = policy.decide(run.status.observation());
        if (run.status.hasDrift()) {
            run.skipRemaining(Step.INITIALISE_TRACKING, "drift");
            return run.report(Outcome.FAILED, decision, new DriftException(run.status.drift()).getMessage(),
                    ExitCode.DRIFT);
        }
        if (decision.action() != Decision.Action.APPLY) {
            // complete, as a service keeps it to compare with what a separate migration job applies later
            ChangeLog changeLog = migrations.changeLog(parsed);
            boolean pending = !run.status.pending().isEmpty();
            if (!pending && policy.autoMigrate()) {
                migrations.fingerprint().tryRecord(connection, changeLog);
            }
            if (pending) {
                migrations.safetyFindings(connection, parsed, run.status.pending())
                        .forEach(f -> run.listener.on(new MigrationEvent.UnsafeChangeFound(f)));
            }
            run.skipRemaining(Step.INITIALISE_TRACKING, pending ? "check-only mode" : "nothing pending");
            return run.report(pending ? Outcome.CHECKED : Outcome.UP_TO_DATE, decision, null, ExitCode.SUCCESS);
        }

        run.begin(Step.INITIALISE_TRACKING);
        try (HeldMigrationLock lock = migrations.lock(parsed, run.listener)) {
            return applyAndVerify(connection, run, parsed, lock);
        } catch (MigrationFailedException e) {
            run.end(run.current, "failed");
            run.status = Migrations.readStatus(connection, migrations.changeLog(parsed));
            run.applied = e.appliedBefore();
            return run.failed(Observation.MIGRATION_FAILED, e, run.status);
        }
    }

    /** Initialise tracking, apply and verify, all under the migration lock and on the one parse of the changelog. */
    private StartupReport applyAndVerify(Connection connection, Run run, ParsedChangeLog parsed, HeldMigrationLock lock)
            throws SQLException {
        // read again under the lock: another instance may have applied some while this one waited for it
        run.status = Migrations.readStatusBeforeApplying(connection, parsed);
        if (run.status.hasDrift()) {
            run.end(Step.INITIALISE_TRACKING, "drift");
            run.skipRemaining(Step.APPLY, "drift");
            return run.report(Outcome.FAILED, policy.decide(run.status.observation()),
                    new DriftException(run.status.drift()).getMessage(), ExitCode.DRIFT);
        }
        parsed.requireParametersResolved(run.status.toRun());
        migrations.initialiseTracking(lock, run.listener);
        run.end(Step.INITIALISE_TRACKING, "ready");
        run.begin(Step.APPLY);
        run.applied = run.status.hasWorkToRun()
                ? migrations.applyOnly(connection, lock, run.status.toRun(), run.listener) : List.of();
        run.end(Step.APPLY, run.applied.size() + " applied");

        run.begin(Step.VERIFY);
        ChangeLog changeLog = migrations.changeLog(parsed);
        run.status = Migrations.readStatus(connection, changeLog);
        if (!run.status.upToDate()) {
            run.end(Step.VERIFY, "not up to date");
            String error = "After migrating, " + run.status.pending().size() + " changeset(s) are still pending "
                    + "and " + run.status.drift().size() + " drifted; first: "
                    + (run.status.pending().isEmpty() ? run.status.drift().get(0).describe()
                    : run.status.pending().get(0).identity());
            return run.report(Outcome.FAILED, policy.decide(Observation.MIGRATION_FAILED), error,
                    ExitCode.MIGRATION_FAILED);
        }
        run.end(Step.VERIFY, "up to date at " + run.status.currentRevision());
        migrations.fingerprint().tryRecord(connection, changeLog);
        parsed.tryRecordFiles(connection);
        return run.report(run.applied.isEmpty() ? Outcome.UP_TO_DATE : Outcome.APPLIED, Decision.start(), null,
                ExitCode.SUCCESS);
    }

    /** The state of one run while it goes through its steps. */
    private final class Run {
        final MigrationListener listener;
        final Instant startedAt = Instant.now();
        final long start = System.nanoTime();
        long stepStart;
        Step current;
        ConnectionInfo connection;
        DatabaseStatus status;
        List<AppliedResult> applied = List.of();

        Run(MigrationListener listener) {
            this.listener = listener;
        }

        void begin(Step step) {
            current = step;
            stepStart = System.nanoTime();
            listener.on(new MigrationEvent.StepStarted(step));
        }

        void end(Step step, String summary) {
            listener.on(new MigrationEvent.StepFinished(step, Duration.ofNanos(System.nanoTime() - stepStart), summary));
        }

        void skipRemaining(Step from, String reason) {
            for (Step step : Step.values()) {
                if (step.ordinal() >= from.ordinal()) {
                    listener.on(new MigrationEvent.StepFinished(step, Duration.ZERO, "skipped: " + reason));
                }
            }
        }

        StartupReport failed(Observation observation, MigrationException e, DatabaseStatus statusNow) {
            status = statusNow;
            return report(Outcome.FAILED, policy.decide(observation), e.getMessage(), e.exitCode());
        }

        StartupReport report(Outcome outcome, Decision decision, String error, ExitCode failure) {
            return new StartupReport(outcome, decision, policy.mode(), startedAt,
                    Duration.ofNanos(System.nanoTime() - start), connection, status, applied, error, failure);
        }
    }
}
