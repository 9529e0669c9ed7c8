package dev.automigrate.core;

import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.check.CheckReport;
import dev.automigrate.core.check.PlannedChangeSet;
import dev.automigrate.core.check.RehearsalReport;
import dev.automigrate.core.check.RehearsedChangeSet;
import dev.automigrate.core.check.TableLock;
import dev.automigrate.core.database.BlockingSession;
import dev.automigrate.core.database.ConnectionInfo;
import dev.automigrate.core.generate.GeneratedChangeSet;
import dev.automigrate.core.generate.SchemaDifference;
import dev.automigrate.core.rollback.RollbackPlan;
import dev.automigrate.core.rollback.RollbackStep;
import dev.automigrate.core.status.AppliedChangeSet;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.status.Drift;
import dev.automigrate.core.status.SchemaCatalog;
import dev.automigrate.core.status.StatusReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The human-readable lines every front end prints for a report or an event, so they all read alike. */
public final class ReportText {
    private ReportText() {
    }

    /** One line for a progress event, e.g. {@code Applying 3/12 2026-11-01-add-crews (ana) … 41 ms}. */
    public static String event(MigrationEvent event) {
        if (event instanceof MigrationEvent.StepStarted e) {
            return "Step " + e.step().number() + "/5 " + e.step().label() + " …";
        } else if (event instanceof MigrationEvent.StepFinished e) {
            return "Step " + e.step().number() + "/5 " + e.step().label() + ": " + e.summary() + " ("
                    + millis(e.duration()) + ")";
        } else if (event instanceof MigrationEvent.ConnectionRetry e) {
            return "Database not reachable (attempt " + e.attempt() + "): " + e.reason() + "; retrying in "
                    + millis(e.nextDelay());
        } else if (event instanceof MigrationEvent.Connected e) {
            return "Connected to " + e.connection().maskedUrl() + " (" + e.connection().product() + ", "
                    + e.connection().latencyMs() + " ms)";
        } else if (event instanceof MigrationEvent.LockWaiting e) {
            return "Waiting for the migration lock held by " + e.holder() + " (" + e.waited().toSeconds() + "s of "
                    + e.timeout().toSeconds() + "s)";
        } else if (event instanceof MigrationEvent.LockAcquired e) {
            return "Took the migration lock after " + millis(e.waited());
        } else if (event instanceof MigrationEvent.ChangeLogRead e) {
            return "Read the changelog in " + millis(e.duration()) + ": " + (e.fromRecords() == 0
                    ? "all " + count(e.changeSets()) + " changesets parsed"
                    : count(e.changeSets() - e.fromRecords()) + " of " + count(e.changeSets()) + " changesets parsed, "
                    + count(e.fromRecords()) + " unchanged since the last run");
        } else if (event instanceof MigrationEvent.PendingFound e) {
            return "Pending: " + describe(e.changeSet());
        } else if (event instanceof MigrationEvent.DriftFound e) {
            return "Drift: " + e.drift().describe();
        } else if (event instanceof MigrationEvent.UnsafeChangeFound e) {
            return "Pre-deploy check: " + e.finding().changeSet().identity() + ": " + e.finding().describe();
        } else if (event instanceof MigrationEvent.ChangeSetStarting e) {
            return "Applying " + e.index() + "/" + e.total() + " " + e.changeSet().id() + " ("
                    + e.changeSet().author() + ") …";
        } else if (event instanceof MigrationEvent.ChangeSetApplied e) {
            return "Applied " + e.index() + "/" + e.total() + " " + e.changeSet().id() + " (" + e.changeSet().author()
                    + ") … " + millis(e.duration());
        } else if (event instanceof MigrationEvent.ChangeSetRecorded e) {
            return "Recorded " + e.index() + "/" + e.total() + " " + e.changeSet().id() + " (" + e.changeSet().author()
                    + ") in " + e.changeSet().changeLog() + " as applied, without running it";
        } else if (event instanceof MigrationEvent.ChangeSetRollingBack e) {
            return "Rolling back " + e.index() + "/" + e.total() + " " + e.changeSet().id() + " ("
                    + e.changeSet().author() + ") …";
        } else if (event instanceof MigrationEvent.ChangeSetRolledBack e) {
            return "Rolled back " + e.index() + "/" + e.total() + " " + e.changeSet().id() + " ("
                    + e.changeSet().author() + ") … " + millis(e.duration());
        } else if (event instanceof MigrationEvent.ChangeSetFailed e) {
            return "Failed " + e.index() + "/" + e.total() + " " + e.changeSet().id() + " (" + e.changeSet().author()
                    + ") in " + e.changeSet().changeLog() + ": " + e.error();
        } else if (event instanceof MigrationEvent.LockTimeoutRetry e) {
            return "Waited " + DurationText.of(e.lockTimeout()) + " for a table lock: " + e.index() + "/" + e.total() + " "
                    + e.changeSet().id() + " (" + e.changeSet().author() + "), attempt " + e.attempt() + ", held by "
                    + blockers(e.blockers()) + "; nothing of it applied, trying again in " + DurationText.of(e.pause());
        } else if (event instanceof MigrationEvent.InvalidIndexDropped e) {
            return "Dropped index " + e.index() + " (DROP INDEX CONCURRENTLY): the failed attempt of "
                    + e.changeSet().id() + " (" + e.changeSet().author() + ") left it INVALID";
        } else if (event instanceof MigrationEvent.ChangeSetRehearsing e) {
            return "Rehearsing " + e.index() + "/" + e.total() + " " + e.changeSet().id() + " ("
                    + e.changeSet().author() + ") …";
        } else if (event instanceof MigrationEvent.ChangeSetRehearsed e) {
            return "Rehearsed " + e.index() + "/" + e.total() + " " + rehearsed(e.result());
        }
        return event.toString();
    }

    public static List<String> status(StatusReport report) {
        List<String> lines = new ArrayList<>();
        ConnectionInfo connection = report.connection();
        DatabaseStatus status = report.status();
        lines.add("Database:         " + connection.maskedUrl() + " (" + connection.product() + ", "
                + connection.latencyMs() + " ms)");
        lines.add("Current revision: " + orNone(status.currentRevision()));
        lines.add("Latest revision:  " + orNone(status.latestRevision()));
        if (status.latestTag() != null) {
            lines.add("Latest tag:       " + status.latestTag());
        }
        lines.add("Applied:          " + status.appliedCount()
                + (status.trackingInitialised() ? "" : " (no tracking table yet)"));
        lines.add("Pending:          " + status.pending().size());
        for (PendingChangeSet pending : status.pending()) {
            lines.add("  - " + describe(pending));
        }
        if (!status.runsAlways().isEmpty()) {
            lines.add("Runs always:      " + status.runsAlways().size() + " (runAlways: run on every migrate, never pending)");
            for (PendingChangeSet runsAlways : status.runsAlways()) {
                lines.add("  - " + describe(runsAlways));
            }
        }
        if (!report.filter().isEmpty()) {
            lines.add("Filtered out:     " + status.filteredOut() + " (" + report.filter().describe() + ")");
        }
        for (Drift drift : status.drift()) {
            lines.add("Drift: " + drift.describe());
        }
        for (String index : report.invalidIndexes()) {
            lines.add("Warning: " + SchemaCatalog.repair(index));
        }
        lines.add(status.upToDate() ? "Up to date." : status.hasDrift() ? "Drift found." : "Not up to date.");
        return lines;
    }

    public static List<String> history(List<AppliedChangeSet> applied) {
        List<String> lines = new ArrayList<>();
        if (applied.isEmpty()) {
            lines.add("No changeset has been applied.");
            return lines;
        }
        for (AppliedChangeSet row : applied) {
            lines.add(String.format("%4d  %s  %-8s  %s (%s)  %s  deployment %s%s", row.orderExecuted(),
                    row.executedAt(), row.execType(), row.id(), row.author(), row.changeLog(), row.deploymentId(),
                    row.tag() == null ? "" : "  tag " + row.tag()));
        }
        return lines;
    }

    /** The SQL each pending changeset will run, as {@code check --plan} prints it. */
    public static List<String> plan(CheckReport report) {
        List<String> lines = new ArrayList<>();
        for (PlannedChangeSet planned : report.plan()) {
            lines.add("-- " + planned.changeSet().identity() + (planned.runInTransaction() ? "" : " (no transaction)"));
            planned.sql().forEach(sql -> lines.add(sql + ";"));
        }
        return lines;
    }

    public static List<String> check(CheckReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(report.passed() ? "Check passed (exit 0)." : "Check failed (exit " + report.verdict().code() + ", "
                + report.verdict().name() + ").");
        report.reasons().forEach(reason -> lines.add("  " + reason));
        if (report.rehearsal() != null) {
            lines.addAll(rehearsal(report.rehearsal()));
        }
        return lines;
    }

    /** What check --rehearse did: one line per pending changeset, with its outcome, duration and strongest lock. */
    public static List<String> rehearsal(RehearsalReport rehearsal) {
        List<String> lines = new ArrayList<>();
        if (!rehearsal.ran()) {
            lines.add("Rehearsal: " + rehearsal.notRun() + ", nothing to rehearse.");
            return lines;
        }
        int count = rehearsal.changeSets().size();
        lines.add("Rehearsal: " + count + " pending changeset" + (count == 1 ? "" : "s") + " run with their rollbacks"
                + " in one transaction, then rolled back (" + millis(rehearsal.duration()) + "):");
        rehearsal.changeSets().forEach(changeSet -> lines.add("  " + rehearsed(changeSet)));
        if (rehearsal.stopped() != null) {
            lines.add("  The rehearsal stopped: " + rehearsal.stopped() + ".");
        }
        return lines;
    }

    /** {@code 002-budget (bo): ok, 12 ms, AccessExclusiveLock on public.crews}. */
    private static String rehearsed(RehearsedChangeSet rehearsed) {
        PendingChangeSet changeSet = rehearsed.changeSet();
        String line = changeSet.id() + " (" + changeSet.author() + "): " + rehearsed.outcome().id();
        if (rehearsed.outcome() == RehearsedChangeSet.Outcome.NOT_REHEARSED) {
            return line + ": " + rehearsed.detail();
        }
        line += ", " + millis(rehearsed.duration());
        if (rehearsed.outcome() == RehearsedChangeSet.Outcome.FAILED) {
            return line + ": " + rehearsed.failure().describe();
        }
        return line + ", " + rehearsed.strongestLockOnExisting().map(TableLock::describe)
                .orElse("no lock on an existing table");
    }

    /** The plan a rollback without confirmation prints: each changeset, newest first, and its SQL. */
    public static List<String> rollbackPlan(RollbackPlan plan) {
        List<String> lines = new ArrayList<>();
        if (plan.steps().isEmpty()) {
            lines.add("Nothing to roll back to " + plan.target().describe() + ".");
            return lines;
        }
        lines.add("Rollback to " + plan.target().describe() + " would undo " + plan.steps().size() + " changeset"
                + (plan.steps().size() == 1 ? "" : "s") + ", newest first:");
        for (RollbackStep step : plan.steps()) {
            AppliedChangeSet changeSet = step.changeSet();
            lines.add("  " + changeSet.id() + " (" + changeSet.author() + ") in " + changeSet.changeLog()
                    + (changeSet.tag() == null ? "" : "  [tag " + changeSet.tag() + "]"));
            if (step.blocker() != null) {
                lines.add("    BLOCKED: " + step.blocker());
            }
            step.sql().forEach(sql -> lines.add("    " + sql + ";"));
        }
        return lines;
    }

    public static String summary(MigrationResult result) {
        if (result.applied().isEmpty()) {
            return "Database is up to date at " + orNone(result.statusAfter().currentRevision()) + "; nothing applied ("
                    + millis(result.duration()) + ").";
        }
        return "Applied " + result.applied().size() + " changeset" + (result.applied().size() == 1 ? "" : "s")
                + " in " + millis(result.duration()) + "; now at " + result.statusAfter().currentRevision() + ".";
    }

    public static String summary(BaselineResult result) {
        return "Baseline: recorded " + result.recorded().size() + " changeset"
                + (result.recorded().size() == 1 ? "" : "s") + " as applied without running them; now at "
                + orNone(result.statusAfter().currentRevision())
                + (result.statusAfter().pending().isEmpty() ? "." : ", " + result.statusAfter().pending().size()
                + " pending (migrate applies them).");
    }

    /**
     * What a schema diff did, for every front end alike.
     *
     * @param allowDrops how the front end names the option that writes destructive changes
     */
    public static List<String> generated(SchemaDifference difference, String allowDrops) {
        List<String> lines = new ArrayList<>();
        lines.add("Compared the changelog with " + difference.desired().describe() + " in "
                + millis(difference.duration()) + ", on " + difference.server() + ".");
        GeneratedChangeSet written = difference.written();
        if (written != null) {
            lines.add("Created " + written.file() + " (changeset " + written.id() + " by " + written.author()
                    + "), included in " + written.master() + ":");
            difference.changes().forEach(change -> lines.add("  + " + change));
            lines.add(difference.rollback()
                    ? "  with a rollback, verified to restore the schema before it"
                    : "  without a rollback block (see below)");
        } else if (!difference.heldBack().isEmpty()) {
            lines.add("Nothing was written: the only changes lose data.");
        } else if (!difference.notGenerated().isEmpty()) {
            lines.add("Nothing was written: what differs, no Liquibase change expresses (see below).");
        } else {
            lines.add("No difference to write: the changelog already gives that schema. Nothing was written.");
        }
        if (!difference.heldBack().isEmpty()) {
            lines.add("Left out, as they lose data (" + allowDrops + " writes them):");
            difference.heldBack().forEach(change -> lines.add("  - " + change));
        }
        if (!difference.notGenerated().isEmpty()) {
            lines.add("Not generated, as no Liquibase change expresses them (write them by hand if you need them):");
            difference.notGenerated().forEach(line -> lines.add("  ! " + line));
        }
        difference.warnings().forEach(warning -> lines.add("Warning: " + warning));
        if (!difference.findings().isEmpty()) {
            lines.add("Pre-deploy check of the new changeset (check fails on an error nobody accepted):");
            difference.findings().forEach(finding -> lines.add("  " + finding.describe() + " [" + finding.statement()
                    + "]"));
        }
        if (written != null) {
            lines.add("Review it and commit it: migrate, or the service at its next start, applies it.");
        }
        return lines;
    }

    public static String describe(PendingChangeSet changeSet) {
        return changeSet.id() + " (" + changeSet.author() + ") in " + changeSet.changeLog();
    }

    public static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /** The sessions that held a lock, each described, or what to say when none could be seen. */
    public static String blockers(List<BlockingSession> blockers) {
        if (blockers.isEmpty()) {
            return "a session that could not be named (it was not seen waiting)";
        }
        return blockers.stream().map(BlockingSession::describe).collect(Collectors.joining(", "));
    }

    /** {@code 3,001}. */
    private static String count(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String orNone(String value) {
        return value == null ? "(none)" : value;
    }
}
