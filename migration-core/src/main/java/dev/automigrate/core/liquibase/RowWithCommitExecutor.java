package dev.automigrate.core.liquibase;

import java.util.List;
import liquibase.exception.DatabaseException;
import liquibase.executor.jvm.JdbcExecutor;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.MarkChangeSetRanStatement;

/**
 * Liquibase's JDBC executor, except for a changeset's databasechangelog row while its commit is held: the row's
 * SQL, as Liquibase generates it, goes to the server in the same round trip as that commit instead of one of its
 * own. Everything else is executed as Liquibase executes it, and counted: outside a transaction, each statement that
 * completed is committed, so a changeset whose first statement failed left nothing behind.
 */
final class RowWithCommitExecutor extends JdbcExecutor {
    private int completed;

    @Override
    public void execute(SqlStatement sql, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        if (sql instanceof MarkChangeSetRanStatement && database.getConnection() instanceof ChangeSetConnection connection
                && connection.holding() && !connection.getAutoCommit()) {
            connection.sendWithCommit(applyVisitors(sql, sqlVisitors));
            return;
        }
        super.execute(sql, sqlVisitors);
        completed++;
    }

    @Override
    public int update(SqlStatement sql, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        int rows = super.update(sql, sqlVisitors);
        completed++;
        return rows;
    }

    /** Starts counting again, for one attempt of a changeset. */
    void countFromHere() {
        completed = 0;
    }

    /** The statements that completed since {@link #countFromHere()}. */
    int completed() {
        return completed;
    }
}
