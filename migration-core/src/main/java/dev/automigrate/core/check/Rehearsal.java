package dev.automigrate.core.check;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.check.RehearsedChangeSet.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code check --rehearse}: runs the pending changesets for real, in one transaction on the target database, and rolls
 * it all back. What breaks a deploy most often shows only on real data (a unique index over values that are not
 * unique, a NOT NULL column that has nulls) or when a rollback is first tried; PostgreSQL runs DDL in transactions, so
 * both can be tried and undone. Each changeset, in order: a savepoint, the changeset as migrate runs it (timed, its
 * locks read from {@code pg_locks}), its rollback, a comparison of the schema with the one before it, then back to the
 * savepoint and the changeset once more, so that the next one sees its result. At the end, ROLLBACK: no schema
 * change, no tracking row, no data change is left, and a process killed on the way leaves nothing either. The locks
 * the changesets take are held until that final rollback; the same {@code lock_timeout} as migrations and the
 * rehearsal's own time limit keep that short.
 */
public final class Rehearsal {
    /** The SQLSTATEs of a statement naming something that does not exist: perhaps made by a changeset not rehearsed. */
    private static final Set<String> MISSING_OBJECT = Set.of("42P01", "42703", "42704", "42883", "3F000");
    private static final Pattern QUOTED_NAME = Pattern.compile("\"([^\"]+)\"");

    private final Duration timeout;
    private final Duration statementLockTimeout;
    private final RehearsalDeadline.Enforcement enforcement;

    /**
     * @param timeout              how long the whole rehearsal may hold its transaction ({@code MIGRATION_REHEARSAL_TIMEOUT})
     * @param statementLockTimeout PostgreSQL's lock_timeout, as for migrations ({@code MIGRATION_STATEMENT_LOCK_TIMEOUT})
     */
    public Rehearsal(Duration timeout, Duration statementLockTimeout) {
        this(timeout, statementLockTimeout, null);
    }

    /** @param enforcement who enforces the time limit; null: the server where it can */
    Rehearsal(Duration timeout, Duration statementLockTimeout, RehearsalDeadline.Enforcement enforcement) {
        this.timeout = timeout;
        this.statementLockTimeout = statementLockTimeout;
        this.enforcement = enforcement;
    }

    /**
     * @param connection the connection the changesets run on, holding the migration lock, in auto-commit mode
     * @param changeSets the pending changesets in the order migrate would apply them
     * @throws SQLException when the connection is lost (other than by the time limit)
     */
    public RehearsalReport run(Connection connection, List<RehearsableChangeSet> changeSets, MigrationListener listener)
            throws SQLException {
        if (changeSets.isEmpty()) {
            return RehearsalReport.nothingPending();
        }
        Run run = new Run(connection, changeSets.size(), listener);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set lock_timeout = '" + statementLockTimeout.toMillis() + "ms'");
        }
        RehearsalDeadline.Enforcement enforced = enforcement != null ? enforcement : RehearsalDeadline.supported(connection);
        try (RehearsalDeadline deadline = RehearsalDeadline.start(connection, timeout, enforced)) {
            run.deadline = deadline;
            connection.setAutoCommit(false);
            try {
                for (RehearsableChangeSet changeSet : changeSets) {
                    run.rehearse(changeSet);
                }
            } finally {
                run.rollBackEverything();
            }
        }
        return run.report();
    }

    /** The state of one rehearsal while it goes through the changesets. */
    private final class Run {
        final Connection connection;
        final int total;
        final MigrationListener listener;
        final long start = System.nanoTime();
        final List<RehearsedChangeSet> results = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        /** Changesets whose changes are not in the transaction, and why: later ones may fail for want of them. */
        final Map<PlannedChangeSet, String> notApplied = new LinkedHashMap<>();
        RehearsalDeadline deadline;
        int index;
        String stopped;

        Run(Connection connection, int total, MigrationListener listener) {
            this.connection = connection;
            this.total = total;
            this.listener = listener;
        }

        void rehearse(RehearsableChangeSet changeSet) throws SQLException {
            index++;
            PlannedChangeSet planned = changeSet.planned();
            PendingChangeSet pending = planned.changeSet();
            listener.on(new MigrationEvent.ChangeSetRehearsing(index, total, pending));
            RehearsedChangeSet result = outcomeOf(changeSet);
            results.add(result);
            result.outcome().rule().ifPresent(rule -> findings.add(new Finding(rule, pending,
                    result.failure() == null ? null : result.failure().statement(),
                    SafetyAnalysis.acceptance(rule, planned), result.findingDetail())));
            listener.on(new MigrationEvent.ChangeSetRehearsed(index, total, result));
        }

        private RehearsedChangeSet outcomeOf(RehearsableChangeSet changeSet) throws SQLException {
            PlannedChangeSet planned = changeSet.planned();
            if (stopped != null) {
                return RehearsedChangeSet.notRehearsed(planned.changeSet(), "the rehearsal stopped before it", null);
            }
            Optional<String> outside = changeSet.outsideTransaction();
            if (outside.isPresent()) {
                notApplied.put(planned, "was not rehearsed");
                return RehearsedChangeSet.notRehearsed(planned.changeSet(), outside.get(), null);
            }
            try {
                return rehearseInSavepoint(changeSet);
            } catch (SQLException e) {
                if (!deadline.passed()) {
                    throw e;
                }
                return stoppedBy(planned.changeSet(), null);
            }
        }

        private RehearsedChangeSet rehearseInSavepoint(RehearsableChangeSet changeSet) throws SQLException {
            PlannedChangeSet planned = changeSet.planned();
            PendingChangeSet pending = planned.changeSet();
            SchemaSnapshot before = SchemaSnapshot.read(connection);
            List<SessionLocks.Held> locksBefore = SessionLocks.held(connection);
            Savepoint savepoint = connection.setSavepoint();
            Execution ran = changeSet.run(savepoint);
            if (ran.failed()) {
                if (deadline.passed()) {
                    return stoppedBy(pending, ran.failure());
                }
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
                return failed(planned, ran);
            }
            List<TableLock> locks = SessionLocks.takenSince(locksBefore, SessionLocks.held(connection), before);
            if (ran.skipped() != null) {
                connection.releaseSavepoint(savepoint);
                return ran(pending, ran, locks, Outcome.OK, null, List.of(), ran.skipped());
            }
            Optional<String> withoutRollback = changeSet.withoutRollback();
            if (withoutRollback.isPresent()) {
                connection.releaseSavepoint(savepoint);
                return ran(pending, ran, locks, Outcome.NO_ROLLBACK, null, List.of(), withoutRollback.get());
            }
            Execution undone = changeSet.rollBack(savepoint);
            if (undone.failed() && deadline.passed()) {
                return stoppedBy(pending, undone.failure());
            }
            List<String> differences = undone.failed() ? List.of()
                    : before.differencesIn(SchemaSnapshot.read(connection));
            // back to before the changeset, whatever its rollback did or left; the rollback's locks go with it
            connection.rollback(savepoint);
            Execution again = changeSet.run(savepoint);
            if (again.failed()) {
                if (deadline.passed()) {
                    return stoppedBy(pending, again.failure());
                }
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
                notApplied.put(planned, "failed");
                return ran(pending, ran, locks, Outcome.FAILED, again.failure(), List.of(),
                        "it failed when run again after its rollback");
            }
            connection.releaseSavepoint(savepoint);
            if (undone.failed()) {
                return ran(pending, ran, locks, Outcome.ROLLBACK_FAILS, undone.failure(), List.of(), null);
            }
            return differences.isEmpty() ? ran(pending, ran, locks, Outcome.OK, null, List.of(), null)
                    : ran(pending, ran, locks, Outcome.ROLLBACK_INCOMPLETE, null, differences, null);
        }

        private RehearsedChangeSet ran(PendingChangeSet pending, Execution ran, List<TableLock> locks, Outcome outcome,
                                       StatementFailure failure, List<String> differences, String detail) {
            return new RehearsedChangeSet(pending, outcome, ran.duration(), locks, failure, differences, detail);
        }

        /**
         * A failed changeset; when the object its statement misses is named in the SQL of an earlier changeset that is
         * not in the transaction, it is reported as not rehearsed, depending on that one.
         */
        private RehearsedChangeSet failed(PlannedChangeSet planned, Execution ran) {
            StatementFailure failure = ran.failure();
            boolean missingObject = MISSING_OBJECT.contains(failure.sqlState());
            Optional<Map.Entry<PlannedChangeSet, String>> dependency = missingObject ? providerOf(failure) : Optional.empty();
            if (dependency.isPresent()) {
                notApplied.put(planned, "was not rehearsed");
                return RehearsedChangeSet.notRehearsed(planned.changeSet(), "may depend on "
                        + dependency.get().getKey().changeSet().id() + ", which " + dependency.get().getValue(), failure);
            }
            String hint = missingObject && !notApplied.isEmpty() ? "it may depend on " + String.join(" or ",
                    notApplied.keySet().stream().map(p -> p.changeSet().id()).toList())
                    + ", which did not run in the rehearsal" : null;
            notApplied.put(planned, "failed");
            return new RehearsedChangeSet(planned.changeSet(), Outcome.FAILED, ran.duration(), List.of(), failure,
                    List.of(), hint);
        }

        /** The latest earlier changeset not in the transaction whose SQL names what the failed statement misses. */
        private Optional<Map.Entry<PlannedChangeSet, String>> providerOf(StatementFailure failure) {
            List<String> names = new ArrayList<>();
            Matcher quoted = QUOTED_NAME.matcher(failure.message());
            while (quoted.find()) {
                names.add(quoted.group(1).toLowerCase(Locale.ROOT));
            }
            List<Map.Entry<PlannedChangeSet, String>> latestFirst = new ArrayList<>(notApplied.entrySet());
            Collections.reverse(latestFirst);
            return latestFirst.stream().filter(entry -> {
                String sql = String.join("\n", entry.getKey().sql()).toLowerCase(Locale.ROOT);
                return names.stream().anyMatch(name -> Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(sql).find());
            }).findFirst();
        }

        /** The changeset that was running when the time limit passed; the ones after it are not rehearsed. */
        private RehearsedChangeSet stoppedBy(PendingChangeSet pending, StatementFailure failure) {
            String limit = "MIGRATION_REHEARSAL_TIMEOUT (" + deadline.describeLimit() + ")";
            stopped = "it took longer than " + limit + " and was stopped, and everything was rolled back";
            StatementFailure timedOut = new StatementFailure("the rehearsal took longer than " + limit
                    + " and was stopped", failure == null ? null : failure.sqlState(),
                    failure == null ? null : failure.statement());
            return new RehearsedChangeSet(pending, Outcome.FAILED, Duration.ZERO, List.of(), timedOut, List.of(),
                    "raise MIGRATION_REHEARSAL_TIMEOUT, or rehearse on a copy of the database");
        }

        void rollBackEverything() throws SQLException {
            deadline.awaitStop();
            if (connection.isClosed()) {
                return; // the server rolled it back when the session ended
            }
            connection.rollback();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("reset lock_timeout");
            }
        }

        RehearsalReport report() {
            return new RehearsalReport(results, findings, Duration.ofNanos(System.nanoTime() - start), null, stopped);
        }
    }
}
