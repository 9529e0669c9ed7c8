package dev.automigrate.core.liquibase;

import dev.automigrate.core.AppliedResult;
import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationException;
import dev.automigrate.core.MigrationFailedException;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.ChangeSetPaths;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.database.BlockingSession;
import dev.automigrate.core.database.LockRetryPolicy;
import dev.automigrate.core.database.LockWaitObserver;
import dev.automigrate.core.liquibase.incremental.RecordedChangeSet;
import java.io.OutputStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import liquibase.ChecksumVersion;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.RuntimeEnvironment;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogIterator;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.filter.NotRanChangeSetFilter;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.changelog.visitor.ChangeSetVisitor;
import liquibase.command.CommandScope;
import liquibase.command.core.DropAllCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.executor.ExecutorService;

/** Applies changesets with Liquibase's update, one transaction per changeset, announcing each. */
public final class LiquibaseMigrator {
    private final ChangeLogLocation location;
    private final Duration lockTimeout;
    private final Map<String, Object> scopeSettings;

    /** @param lockTimeout how long to wait for another instance's migration lock */
    public LiquibaseMigrator(ChangeLogLocation location, Duration lockTimeout) {
        this.location = location;
        this.lockTimeout = lockTimeout;
        this.scopeSettings = Map.of(AdvisoryLockService.LOCK_TIMEOUT, lockTimeout);
    }

    /**
     * Takes the migration lock on the run's connection, waiting up to the lock timeout and telling the listener
     * who holds it. Take it before reading the applied changesets; tracking, apply, verify and the fingerprint
     * then all happen under it.
     */
    public HeldMigrationLock lock(ParsedChangeLog parsed, MigrationListener listener) {
        AdvisoryLockService lock = new AdvisoryLockService();
        lock.setDatabase(parsed.database());
        try {
            LiquibaseScope.run(location, runScope(listener), () -> {
                lock.waitForLock();
                return null;
            });
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationFailedException(null, LiquibaseErrors.describe(e), List.of(), e);
        }
        return new HeldMigrationLock(parsed, lock, location);
    }

    /** Creates Liquibase's tracking tables if they are missing; replicas starting together are kept apart by the lock. */
    public void initialiseTracking(HeldMigrationLock run, MigrationListener listener) {
        try {
            LiquibaseScope.run(location, runScope(listener), () -> {
                Database database = run.parsed().database();
                // the advisory lock needs no table of its own
                Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class)
                        .getChangeLogService(database).init();
                database.commit();
                return null;
            });
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationFailedException(null, "cannot create the tracking tables: " + LiquibaseErrors.describe(e),
                    List.of(), e);
        }
    }

    /**
     * Applies every pending changeset with Liquibase's update, on the changelog the run already parsed. A changeset
     * that gave up waiting for a table lock is tried again as {@code retries} allows.
     *
     * @param pending  what the caller expects to be applied, for "3/12" progress; Liquibase decides what runs
     * @param observer watches the run's connection, to name who holds a lock it waits for
     */
    public List<AppliedResult> migrate(HeldMigrationLock run, List<PendingChangeSet> pending, MigrationListener listener,
                                       LockRetryPolicy retries, LockWaitObserver observer) {
        Progress progress = new Progress(pending, listener);
        try {
            LiquibaseScope.run(location, runScope(listener), () -> {
                update(run.parsed(), progress, retries, observer);
                return null;
            });
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            String error = LiquibaseErrors.describe(e);
            PendingChangeSet failed = progress.failed(e);
            throw new MigrationFailedException(failed, error, progress.applied, null, progress.inTransaction);
        }
        return List.copyOf(progress.applied);
    }

    /**
     * Records the changesets the run's filter selects as applied without running them, as Liquibase's
     * changelog-sync does (exectype EXECUTED), up to and including {@code through} (an identity) when it is not
     * null. All rows are written in one transaction: a baseline records everything it announces, or nothing.
     */
    public List<PendingChangeSet> baseline(HeldMigrationLock run, String through, MigrationListener listener) {
        List<PendingChangeSet> recorded = new ArrayList<>();
        try {
            LiquibaseScope.run(location, runScope(listener), () -> {
                Database database = run.parsed().database();
                DatabaseChangeLog changeLog = run.parsed().model();
                Contexts contexts = ChangeSetFilters.contexts(run.parsed().location().filter());
                LabelExpression labels = ChangeSetFilters.labels(run.parsed().location().filter());
                Scope scope = Scope.getCurrentScope();
                ChangeLogHistoryService history = scope.getSingleton(ChangeLogHistoryServiceFactory.class)
                        .getChangeLogService(database);
                try {
                    history.init();
                    changeLog.validate(database, contexts, labels);
                    List<ChangeSet> toRecord = new ArrayList<>();
                    new ChangeLogIterator(changeLog, new NotRanChangeSetFilter(database.getRanChangeSetList()),
                            new ContextChangeSetFilter(contexts), new LabelChangeSetFilter(labels),
                            new IgnoreChangeSetFilter(), new DbmsChangeSetFilter(database), new ThroughFilter(through))
                            .run(new ChangeSetVisitor() {
                                @Override
                                public Direction getDirection() {
                                    return Direction.FORWARD;
                                }

                                @Override
                                public void visit(ChangeSet changeSet, DatabaseChangeLog file, Database db,
                                                  Set<ChangeSetFilterResult> results) {
                                    toRecord.add(changeSet);
                                }
                            }, new RuntimeEnvironment(database, contexts, labels));
                    database.setAutoCommit(false);
                    for (ChangeSet changeSet : toRecord) {
                        database.markChangeSetExecStatus(changeSet, ChangeSet.ExecType.EXECUTED);
                    }
                    database.commit();
                    for (ChangeSet changeSet : toRecord) {
                        PendingChangeSet pending = new PendingChangeSet(changeSet.getId(), changeSet.getAuthor(),
                                ChangeSetPaths.normalise(changeSet.getFilePath()), changeSet.getDescription());
                        recorded.add(pending);
                        listener.on(new MigrationEvent.ChangeSetRecorded(recorded.size(), toRecord.size(), pending));
                    }
                } finally {
                    scope.getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
                }
                return null;
            });
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationFailedException(null, "cannot record the changesets as applied: "
                    + LiquibaseErrors.describe(e), List.of(), e);
        }
        return recorded;
    }

    /** Accepts changesets up to and including the one with this identity; every changeset when it is null. */
    private static final class ThroughFilter implements liquibase.changelog.filter.ChangeSetFilter {
        private final String through;
        private boolean passed;

        ThroughFilter(String through) {
            this.through = through;
        }

        @Override
        public ChangeSetFilterResult accepts(ChangeSet changeSet) {
            boolean accepted = through == null || !passed;
            if (through != null && through.equals(ParsedChangeLog.identity(changeSet))) {
                passed = true;
            }
            return new ChangeSetFilterResult(accepted, accepted ? "up to " + through : "after " + through,
                    ThroughFilter.class);
        }
    }

    /**
     * Liquibase's update as its update command runs it, step for step: tracking tables, checksums of rows from
     * older versions, validation of the whole changelog, then its UpdateVisitor over its standard filters. Left out
     * are the parts that only serve the command's own reports and shortcuts: the "fast check" (it validates the
     * changelog a second time to learn that something is pending, which the caller already knows), the status pass
     * behind its summary, and the command pipeline itself. One difference: each changeset commits once, with its
     * row (Liquibase commits the changes, then the row), and is announced as applied only after that commit.
     * Applied changesets that records stood in for are set aside: each has its row with exactly its checksum, so
     * none would run, need its checksum upgraded or fail validation, and validating them is what update would
     * otherwise spend most of its time on in a long history; for the same reason Liquibase then reads only the rows
     * of the changesets it was handed ({@link NarrowedHistoryService}).
     */
    private static void update(ParsedChangeLog parsed, Progress listener, LockRetryPolicy retries,
                               LockWaitObserver observer) throws Exception {
        Database database = parsed.database();
        DatabaseChangeLog changeLog = parsed.model();
        Contexts contexts = ChangeSetFilters.contexts(parsed.location().filter());
        LabelExpression labels = ChangeSetFilters.labels(parsed.location().filter());
        Scope scope = Scope.getCurrentScope();
        ChangeLogHistoryService history = scope.getSingleton(ChangeLogHistoryServiceFactory.class)
                .getChangeLogService(database);
        RowWithCommitExecutor executor = new RowWithCommitExecutor();
        executor.setDatabase(database);
        scope.getSingleton(ExecutorService.class).setExecutor("jdbc", database, executor);
        boolean recordsStandIn = changeLog.getChangeSets().stream().anyMatch(RecordedChangeSet.class::isInstance);
        try (AutoCloseable parsedOnly = RecordedChangeSet.setAside(changeLog)) {
            Scope.ScopedRunnerWithReturn<Void> steps = () -> {
                history.init();
                clearChecksumsOfOlderRows(changeLog, history.getRanChangeSets());
                Scope.child(Map.of(Scope.Attr.database.name(), database),
                        () -> history.upgradeChecksums(changeLog, contexts, labels));
                changeLog.validate(database, contexts, labels);
                new ChangeLogIterator(changeLog, new ContextChangeSetFilter(contexts), new LabelChangeSetFilter(labels),
                        new DbmsChangeSetFilter(database), new IgnoreChangeSetFilter())
                        .run(new AtomicUpdateVisitor(database, listener, listener, executor, retries, observer),
                                new RuntimeEnvironment(database, contexts, labels));
                database.afterUpdate();
                return null;
            };
            if (recordsStandIn) {
                NarrowedHistoryService.narrowedTo(changeLog.getChangeSets(), steps);
            } else {
                steps.run();
            }
        } finally {
            // as the command's clean-up: nothing cached for this connection outlives the run
            scope.getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
            scope.getSingleton(ExecutorService.class).reset();
        }
    }

    /**
     * Liquibase computes a changeset's checksum first at the version its row was recorded with, then upgrades the
     * row; a checksum our status computed (at the latest version, and cached on the changeset whatever the version
     * asked for) would stand in for that, so it is cleared. Where the row is at the latest version the cached one is
     * what Liquibase would compute, and keeping it spares recomputing every applied changeset's checksum (about a
     * second for 1,000 on two cores) when a few are pending.
     */
    private static void clearChecksumsOfOlderRows(DatabaseChangeLog changeLog, List<RanChangeSet> rows) {
        int latest = ChecksumVersion.latest().getVersion();
        Set<String> atLatest = rows.stream()
                .filter(row -> row.getLastCheckSum() != null && row.getLastCheckSum().getVersion() == latest)
                .map(row -> ChangeSetPaths.identity(row.getChangeLog(), row.getId(), row.getAuthor()))
                .collect(Collectors.toSet());
        changeLog.getChangeSets().stream()
                .filter(changeSet -> !atLatest.contains(ParsedChangeLog.identity(changeSet)))
                .forEach(ChangeSet::clearCheckSum);
    }

    private Map<String, Object> runScope(MigrationListener listener) {
        return Map.of(AdvisoryLockService.LOCK_TIMEOUT, lockTimeout, AdvisoryLockService.LISTENER, listener);
    }

    /** Drops every object of the connection's default schema, tracking tables included. */
    public void dropAll(Connection connection) {
        try {
            LiquibaseScope.run(location, scopeSettings, () -> {
                Database database = Databases.wrap(connection);
                new CommandScope(DropAllCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .setOutput(OutputStream.nullOutputStream())
                        .execute();
                return null;
            });
        } catch (Exception e) {
            throw new MigrationFailedException(null, "cannot drop the schema's objects: " + LiquibaseErrors.describe(e),
                    List.of(), null);
        }
    }

    /**
     * Turns Liquibase's callbacks into this project's events, numbering changesets as they run. A changeset is
     * announced as applied once it is committed, so a run killed at any point has committed all it announced; one
     * that is tried again after a lock timeout is announced once, and as failed only when it is not tried again.
     */
    private static final class Progress extends AbstractChangeExecListener implements ChangeSetAttempts {
        private final Map<String, PendingChangeSet> expected = new HashMap<>();
        private final MigrationListener listener;
        private final int total;
        private final List<AppliedResult> applied = new ArrayList<>();
        private int index;
        private long startedAt;
        private PendingChangeSet current;
        private boolean inTransaction = true;
        private boolean ran;
        private boolean retrying;

        Progress(List<PendingChangeSet> pending, MigrationListener listener) {
            this.listener = listener;
            this.total = pending.size();
            pending.forEach(p -> expected.put(p.identity(), p));
        }

        @Override
        public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.RunStatus runStatus) {
            if (retrying && current != null) {
                retrying = false;
                return;
            }
            index++;
            current = toPending(changeSet);
            inTransaction = changeSet.isRunInTransaction();
            ran = false;
            startedAt = System.nanoTime();
            listener.on(new MigrationEvent.ChangeSetStarting(index, Math.max(total, index), current));
        }

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.ExecType execType) {
            if (current == null) {
                current = toPending(changeSet);
            }
            ran = true;
        }

        @Override
        public void retrying(int attempt, Duration lockTimeout, Duration pause, Duration elapsed,
                             List<BlockingSession> blockers) {
            ran = false;
            retrying = true;
            listener.on(new MigrationEvent.LockTimeoutRetry(index, Math.max(total, index), current, attempt, lockTimeout,
                    pause, elapsed, blockers));
        }

        @Override
        public void invalidIndexDropped(String index) {
            listener.on(new MigrationEvent.InvalidIndexDropped(current, index));
        }

        /** The changeset and its row are committed; a changeset Liquibase skipped was never announced as ran. */
        @Override
        public void committed() {
            if (ran && current != null) {
                Duration duration = Duration.ofNanos(System.nanoTime() - startedAt);
                applied.add(new AppliedResult(current, duration));
                listener.on(new MigrationEvent.ChangeSetApplied(index, Math.max(total, index), current, duration));
            }
            current = null;
            ran = false;
            retrying = false;
        }

        /**
         * The changeset the run failed in, announced as failed (Liquibase's runFailed comes before the visitor knows
         * whether it tries again); null when the run failed outside any changeset.
         */
        PendingChangeSet failed(Exception exception) {
            if (current != null) {
                listener.on(new MigrationEvent.ChangeSetFailed(index, Math.max(total, index), current,
                        LiquibaseErrors.describe(exception)));
            }
            return current;
        }

        private PendingChangeSet toPending(ChangeSet changeSet) {
            PendingChangeSet known = expected.get(ParsedChangeLog.identity(changeSet));
            return known != null ? known : new PendingChangeSet(changeSet.getId(), changeSet.getAuthor(),
                    ChangeSetPaths.normalise(changeSet.getFilePath()), changeSet.getDescription());
        }
    }
}
