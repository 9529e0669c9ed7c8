package dev.automigrate.core.liquibase;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationException;
import dev.automigrate.core.MigrationFailedException;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.UsageException;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.ChangeSetPaths;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.rollback.RollbackPlan;
import dev.automigrate.core.rollback.RollbackStep;
import dev.automigrate.core.rollback.RollbackTarget;
import dev.automigrate.core.status.AppliedChangeSet;
import dev.automigrate.core.status.TrackingTable;
import java.io.OutputStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.TagCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RuntimeStatement;

/**
 * Rollback and tag on Liquibase. A rollback is planned first, under the migration lock: when any
 * changeset cannot be undone, nothing runs, so a database is never half rolled back.
 */
public final class LiquibaseRollback {
    private final ChangeLogLocation location;
    private final Duration lockTimeout;

    public LiquibaseRollback(ChangeLogLocation location, Duration lockTimeout) {
        this.location = location;
        this.lockTimeout = lockTimeout;
    }

    /** What a rollback would undo and the SQL it would run; changes nothing, takes no lock. */
    public RollbackPlan plan(Connection connection, RollbackTarget target) {
        return run(Map.of(), () -> plan(Databases.wrap(connection), connection, target));
    }

    /** Rolls back after checking every changeset can be; returns what was undone, newest first. */
    public List<AppliedChangeSet> rollback(Connection connection, RollbackTarget target, MigrationListener listener) {
        return run(Map.of(AdvisoryLockService.LOCK_TIMEOUT, lockTimeout, AdvisoryLockService.LISTENER, listener), () -> {
            Database database = Databases.wrap(connection);
            LockService lock = LockServiceFactory.getInstance().getLockService(database);
            lock.waitForLock();
            try {
                RollbackPlan plan = plan(database, connection, target);
                plan.requireRollbackable();
                if (plan.steps().isEmpty()) {
                    return List.<AppliedChangeSet>of();
                }
                Progress progress = new Progress(plan, listener);
                try {
                    new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, location.changeLog())
                            .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, plan.steps().size())
                            .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, progress)
                            .setOutput(OutputStream.nullOutputStream())
                            .execute();
                } catch (Exception e) {
                    throw new MigrationFailedException(progress.failed, "rollback failed: " + LiquibaseErrors.describe(e),
                            List.of(), null);
                }
                return plan.steps().stream().map(RollbackStep::changeSet).toList();
            } finally {
                lock.releaseLock();
            }
        });
    }

    /** Tags the most recently applied changeset. */
    public void tag(Connection connection, String tag) {
        run(Map.of(AdvisoryLockService.LOCK_TIMEOUT, lockTimeout), () -> {
            if (TrackingTable.count(connection) == 0) {
                throw new UsageException("cannot tag '" + tag + "': no changeset has been applied yet");
            }
            new CommandScope(TagCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, Databases.wrap(connection))
                    .addArgumentValue(TagCommandStep.TAG_ARG, tag)
                    .setOutput(OutputStream.nullOutputStream())
                    .execute();
            return null;
        });
    }

    private RollbackPlan plan(Database database, Connection connection, RollbackTarget target) throws Exception {
        List<AppliedChangeSet> newestFirst = new ArrayList<>(TrackingTable.read(connection).orElse(List.of()));
        Collections.reverse(newestFirst);
        List<AppliedChangeSet> selected = target.select(newestFirst);
        Map<String, ChangeSet> defined = new HashMap<>();
        DatabaseChangeLog changeLog = LiquibaseChangeLogReader.parseChangeLog(location, database);
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            defined.put(ParsedChangeLog.identity(changeSet), changeSet);
        }
        List<RollbackStep> steps = new ArrayList<>();
        for (AppliedChangeSet applied : selected) {
            ChangeSet changeSet = defined.get(applied.identity());
            steps.add(changeSet == null
                    ? new RollbackStep(applied, List.of(), "is not in the changelog, so its rollback is unknown")
                    : step(applied, changeSet, database));
        }
        return new RollbackPlan(target, steps);
    }

    private static RollbackStep step(AppliedChangeSet applied, ChangeSet changeSet, Database database) {
        Undo undo = undo(changeSet, database);
        return new RollbackStep(applied, undo.sql(), undo.blocker());
    }

    /**
     * How a changeset is undone: the SQL of its rollback block, or what Liquibase derives from its changes.
     *
     * @param explicit  whether the SQL comes from a rollback block
     * @param lacking   the change that Liquibase cannot undo when there is no rollback block, or null
     * @param failure   why the rollback SQL cannot be generated, or null
     */
    record Undo(List<String> sql, boolean explicit, String lacking, String failure) {
        /** Why the changeset cannot be rolled back, as a rollback plan says it; null when it can. */
        String blocker() {
            return lacking != null ? "has no rollback: write a rollback block (its " + lacking
                    + " change cannot be undone automatically)"
                    : failure != null ? "cannot be rolled back: " + failure : null;
        }
    }

    static Undo undo(ChangeSet changeSet, Database database) {
        List<String> sql = new ArrayList<>();
        List<Change> explicit = changeSet.getRollback().getChanges();
        try {
            if (!explicit.isEmpty()) {
                for (Change change : explicit) {
                    if (change instanceof RawSQLChange raw && "empty".equalsIgnoreCase(raw.getSql())) {
                        continue; // "rollback: empty": nothing to undo, and Liquibase runs nothing for it
                    }
                    sql.addAll(toSql(change.generateStatements(database), database));
                }
                return new Undo(sql, true, null, null);
            }
            List<Change> changes = new ArrayList<>(changeSet.getChanges());
            Collections.reverse(changes);
            for (Change change : changes) {
                if (!change.supportsRollback(database)) {
                    return new Undo(List.of(), false, change.getSerializedObjectName(), null);
                }
                sql.addAll(toSql(change.generateRollbackStatements(database), database));
            }
            return new Undo(sql, false, null, null);
        } catch (Exception e) {
            return new Undo(List.of(), false, null, LiquibaseErrors.describe(e));
        }
    }

    private static List<String> toSql(SqlStatement[] statements, Database database) {
        List<String> sql = new ArrayList<>();
        for (SqlStatement statement : statements) {
            if (statement instanceof RuntimeStatement) {
                sql.add("-- not SQL: runs a program when the rollback runs");
                continue; // its "SQL" is made by doing the work: planning must not do it
            }
            for (Sql generated : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                sql.add(generated.toSql());
            }
        }
        return sql;
    }

    private <T> T run(Map<String, Object> settings, LiquibaseScope.Work<T> work) {
        try {
            return LiquibaseScope.run(location, settings, work);
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationFailedException(null, LiquibaseErrors.describe(e), List.of(), null);
        }
    }

    /** Announces each changeset as Liquibase rolls it back. */
    private static final class Progress extends AbstractChangeExecListener {
        private final MigrationListener listener;
        private final int total;
        private int index;
        private long startedAt;
        private PendingChangeSet current;
        private PendingChangeSet failed;

        Progress(RollbackPlan plan, MigrationListener listener) {
            this.listener = listener;
            this.total = plan.steps().size();
        }

        @Override
        public void willRollback(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
            index++;
            startedAt = System.nanoTime();
            current = new PendingChangeSet(changeSet.getId(), changeSet.getAuthor(),
                    ChangeSetPaths.normalise(changeSet.getFilePath()), changeSet.getDescription());
            listener.on(new MigrationEvent.ChangeSetRollingBack(index, total, current));
        }

        @Override
        public void rolledBack(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
            listener.on(new MigrationEvent.ChangeSetRolledBack(index, total, current,
                    Duration.ofNanos(System.nanoTime() - startedAt)));
        }

        @Override
        public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, Exception e) {
            failed = current;
        }
    }
}
