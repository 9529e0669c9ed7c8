package dev.automigrate.core.liquibase;

import dev.automigrate.core.check.Execution;
import dev.automigrate.core.check.PlannedChangeSet;
import dev.automigrate.core.check.RehearsableChangeSet;
import dev.automigrate.core.check.StatementFailure;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.ExecuteShellCommandChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.change.custom.CustomSqlChange;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.ObjectQuotingStrategy;
import liquibase.exception.DatabaseException;
import liquibase.executor.ExecutorService;
import liquibase.executor.jvm.JdbcExecutor;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.statement.SqlStatement;

/**
 * The pending changesets of a rehearsal on Liquibase: each runs through {@code ChangeSet.execute}, as Liquibase's
 * update runs it (preconditions, the same generated SQL, on the changelog the run parsed), and is undone through
 * {@code ChangeSet.rollback}, as {@code migration:rollback} undoes it; only the databasechangelog row is left out.
 * The connection's rehearsal mode keeps it all inside the rehearsal's transaction (see {@link ChangeSetConnection}).
 */
public final class LiquibaseRehearsal {
    private LiquibaseRehearsal() {
    }

    /**
     * The planned changesets, ready to rehearse on the connection that holds the migration lock.
     *
     * @param plan the pending changesets with their SQL, in the order migrate applies them
     */
    public static List<RehearsableChangeSet> changeSets(HeldMigrationLock lock, List<PlannedChangeSet> plan) {
        ParsedChangeLog parsed = lock.parsed();
        Map<String, ChangeSet> defined = new HashMap<>();
        for (ChangeSet changeSet : parsed.changeSets()) {
            defined.put(ParsedChangeLog.identity(changeSet), changeSet);
        }
        List<RehearsableChangeSet> changeSets = new ArrayList<>();
        for (PlannedChangeSet planned : plan) {
            ChangeSet changeSet = defined.get(planned.changeSet().identity());
            if (changeSet != null) {
                changeSets.add(new LiquibaseChangeSet(parsed, changeSet, planned));
            }
        }
        return changeSets;
    }

    private static final class LiquibaseChangeSet implements RehearsableChangeSet {
        private final ParsedChangeLog parsed;
        private final ChangeSet changeSet;
        private final PlannedChangeSet planned;

        LiquibaseChangeSet(ParsedChangeLog parsed, ChangeSet changeSet, PlannedChangeSet planned) {
            this.parsed = parsed;
            this.changeSet = changeSet;
            this.planned = planned;
        }

        @Override
        public PlannedChangeSet planned() {
            return planned;
        }

        @Override
        public Optional<String> outsideTransaction() {
            if (!changeSet.isRunInTransaction()) {
                return Optional.of("runInTransaction: false, so it cannot run inside the rehearsal's transaction");
            }
            if (changeSet.getRunWith() != null && !"jdbc".equalsIgnoreCase(changeSet.getRunWith())) {
                return Optional.of("runWith: " + changeSet.getRunWith() + " runs it outside the rehearsal's transaction");
            }
            List<Change> changes = new ArrayList<>(changeSet.getChanges());
            changes.addAll(changeSet.getRollback().getChanges());
            for (Change change : changes) {
                if (change instanceof ExecuteShellCommandChange
                        || change instanceof CustomChangeWrapper custom && !(custom.getCustomChange() instanceof CustomSqlChange)) {
                    return Optional.of("its " + change.getSerializedObjectName() + " change acts outside the database's"
                            + " transaction, where the rehearsal could not undo it");
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<String> withoutRollback() {
            try {
                LiquibaseRollback.Undo undo = LiquibaseScope.run(parsed.location(),
                        () -> LiquibaseRollback.undo(changeSet, parsed.database()));
                if (undo.lacking() != null) {
                    return Optional.of("it has no rollback block, and its " + undo.lacking()
                            + " change cannot be undone automatically");
                }
                if (undo.failure() != null) {
                    return Optional.of("its rollback cannot be generated: " + undo.failure());
                }
                return undo.explicit() && undo.sql().isEmpty() ? Optional.of("its rollback is declared empty")
                        : Optional.empty();
            } catch (Exception e) {
                return Optional.of("its rollback cannot be generated: " + LiquibaseErrors.describe(e));
            }
        }

        @Override
        public Execution run(Savepoint savepoint) {
            return execute(savepoint, database -> {
                ChangeSet.ExecType ran = changeSet.execute(parsed.model(), null, database);
                return ran == ChangeSet.ExecType.SKIPPED || ran == ChangeSet.ExecType.MARK_RAN
                        ? "its precondition let nothing run (" + ran + ")" : null;
            });
        }

        @Override
        public Execution rollBack(Savepoint savepoint) {
            return execute(savepoint, database -> {
                changeSet.rollback(database, null);
                return null;
            });
        }

        private interface Work {
            /** @return why nothing ran, or null */
            String run(Database database) throws Exception;
        }

        private Execution execute(Savepoint savepoint, Work work) {
            Database database = parsed.database();
            ChangeSetConnection connection = (ChangeSetConnection) database.getConnection();
            FailedStatementExecutor executor = new FailedStatementExecutor();
            executor.setDatabase(database);
            long start = System.nanoTime();
            try {
                return LiquibaseScope.run(parsed.location(), () -> {
                    Scope scope = Scope.getCurrentScope();
                    scope.getSingleton(ExecutorService.class).setExecutor("jdbc", database, executor);
                    ObjectQuotingStrategy quoting = database.getObjectQuotingStrategy();
                    connection.rehearseFrom(savepoint);
                    try {
                        String skipped = work.run(database);
                        Duration duration = Duration.ofNanos(System.nanoTime() - start);
                        return skipped == null ? Execution.ran(duration) : Execution.skipped(duration, skipped);
                    } finally {
                        connection.endRehearsal();
                        database.setObjectQuotingStrategy(quoting);
                        scope.getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
                        scope.getSingleton(ExecutorService.class).reset();
                    }
                });
            } catch (Exception e) {
                StatementFailure failure = LiquibaseErrors.failure(e, executor.failed);
                return Execution.failed(Duration.ofNanos(System.nanoTime() - start), failure);
            }
        }
    }

    /** Liquibase's JDBC executor, remembering the first statement that failed, as it was sent. */
    private static final class FailedStatementExecutor extends JdbcExecutor {
        private String failed;

        @Override
        public void execute(SqlStatement sql, List<SqlVisitor> sqlVisitors) throws DatabaseException {
            try {
                super.execute(sql, sqlVisitors);
            } catch (DatabaseException | RuntimeException e) {
                if (failed == null) {
                    failed = sent(sql, sqlVisitors);
                }
                throw e;
            }
        }

        private String sent(SqlStatement sql, List<SqlVisitor> sqlVisitors) {
            try {
                return String.join(";\n", applyVisitors(sql, sqlVisitors));
            } catch (Exception e) {
                return sql.toString();
            }
        }
    }
}
