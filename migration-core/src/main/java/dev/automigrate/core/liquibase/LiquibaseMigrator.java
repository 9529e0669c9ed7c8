package dev.automigrate.core.liquibase;

import dev.automigrate.core.AppliedResult;
import dev.automigrate.core.ChangeLogLocation;
import dev.automigrate.core.ChangeSetPaths;
import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationException;
import dev.automigrate.core.MigrationFailedException;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.PendingChangeSet;
import java.io.OutputStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.DropAllCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.lockservice.LockServiceFactory;

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
            LiquibaseScope.run(location, Map.of(AdvisoryLockService.LOCK_TIMEOUT, lockTimeout,
                    AdvisoryLockService.LISTENER, listener), () -> {
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
            LiquibaseScope.run(location, runScope(run, listener), () -> {
                Database database = run.parsed().database();
                Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class)
                        .getChangeLogService(database).init();
                LockServiceFactory.getInstance().getLockService(database).init();
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
     * Applies every pending changeset with Liquibase's update, on the changelog the run already parsed.
     *
     * @param pending what the caller expects to be applied, for "3/12" progress; Liquibase decides what runs
     */
    public List<AppliedResult> migrate(HeldMigrationLock run, List<PendingChangeSet> pending, MigrationListener listener) {
        Progress progress = new Progress(pending, listener);
        ParsedChangeLog parsed = run.parsed();
        try {
            LiquibaseScope.run(location, runScope(run, listener), () -> {
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, parsed.database())
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_ARG, parsed.model())
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parsed.parameters())
                        .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, progress)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                        .setOutput(OutputStream.nullOutputStream())
                        .execute();
                return null;
            });
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            String error = LiquibaseErrors.describe(e);
            if (progress.failed != null) {
                throw new MigrationFailedException(progress.failed, error, progress.applied, null);
            }
            throw new MigrationFailedException(null, error, progress.applied, null);
        }
        return List.copyOf(progress.applied);
    }

    private Map<String, Object> runScope(HeldMigrationLock run, MigrationListener listener) {
        return Map.of(AdvisoryLockService.LOCK_TIMEOUT, lockTimeout, AdvisoryLockService.LISTENER, listener,
                AdvisoryLockService.HELD_BY_RUN, run.parsed().database());
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

    /** Turns Liquibase's callbacks into this project's events, numbering changesets as they run. */
    private static final class Progress extends AbstractChangeExecListener {
        private final Map<String, PendingChangeSet> expected = new HashMap<>();
        private final MigrationListener listener;
        private final int total;
        private final List<AppliedResult> applied = new ArrayList<>();
        private int index;
        private long startedAt;
        private PendingChangeSet current;
        private PendingChangeSet failed;

        Progress(List<PendingChangeSet> pending, MigrationListener listener) {
            this.listener = listener;
            this.total = pending.size();
            pending.forEach(p -> expected.put(p.identity(), p));
        }

        @Override
        public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.RunStatus runStatus) {
            index++;
            current = toPending(changeSet);
            startedAt = System.nanoTime();
            listener.on(new MigrationEvent.ChangeSetStarting(index, Math.max(total, index), current));
        }

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.ExecType execType) {
            PendingChangeSet ran = current != null ? current : toPending(changeSet);
            Duration duration = Duration.ofNanos(System.nanoTime() - startedAt);
            applied.add(new AppliedResult(ran, duration));
            listener.on(new MigrationEvent.ChangeSetApplied(index, Math.max(total, index), ran, duration));
            current = null;
        }

        @Override
        public void runFailed(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, Exception exception) {
            failed = current != null ? current : toPending(changeSet);
            listener.on(new MigrationEvent.ChangeSetFailed(index, Math.max(total, index), failed,
                    LiquibaseErrors.describe(exception)));
        }

        private PendingChangeSet toPending(ChangeSet changeSet) {
            PendingChangeSet known = expected.get(
                    ChangeSetPaths.identity(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor()));
            return known != null ? known : new PendingChangeSet(changeSet.getId(), changeSet.getAuthor(),
                    ChangeSetPaths.normalise(changeSet.getFilePath()), changeSet.getDescription());
        }
    }
}
