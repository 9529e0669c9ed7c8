package dev.automigrate.core.liquibase;

import dev.automigrate.core.check.StatementFailure;
import dev.automigrate.core.liquibase.parse.LocatedParseException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;
import liquibase.exception.ValidationFailedException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns Liquibase's nested exceptions into the one line a user needs: the database's own error. */
public final class LiquibaseErrors {
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private LiquibaseErrors() {
    }

    public static String describe(Throwable failure) {
        Throwable cause = failure;
        SQLException sql = null;
        while (cause != null) {
            if (cause instanceof LocatedParseException located) {
                return located.getMessage();
            }
            if (cause instanceof LockTimeoutFailure lockTimeout) {
                return lockTimeout.getMessage();
            }
            if (cause instanceof ValidationFailedException validation) {
                return oneLine(validation.getMessage());
            }
            if (cause instanceof SQLException e) {
                sql = e;
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            String text = serverError(server);
            if (LOCK_NOT_AVAILABLE.equals(server.getSQLState())) {
                text += ". Other sessions held a lock this changeset needs for longer than"
                        + " MIGRATION_STATEMENT_LOCK_TIMEOUT; nothing of it was applied. Retry when traffic is lower,"
                        + " or raise the timeout";
            }
            return text;
        }
        if (sql != null && sql.getMessage() != null) {
            return firstLine(sql.getMessage());
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : failure.getMessage();
        return message == null ? root.getClass().getSimpleName() : firstLine(message);
    }

    /** Whether the failure is PostgreSQL's lock timeout (SQLSTATE 55P03), anywhere in the chain of causes. */
    static boolean isLockTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The server's error as one line, {@code ERROR: canceling statement due to lock timeout [SQLSTATE 55P03]}. */
    static String serverError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return serverError(psql.getServerErrorMessage());
            }
        }
        return describe(failure);
    }

    private static String serverError(ServerErrorMessage server) {
        return server.getSeverity() + ": " + server.getMessage()
                + (server.getSQLState() == null ? "" : " [SQLSTATE " + server.getSQLState() + "]");
    }

    /**
     * The database's error apart: its message, its SQLSTATE and the statement, for a rehearsal's report.
     *
     * @param statement the statement that failed, or null when none is known
     */
    static StatementFailure failure(Throwable failure, String statement) {
        SQLException sql = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException e) {
                sql = e;
            }
        }
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            String message = server.getSeverity() + ": " + server.getMessage();
            if (LOCK_NOT_AVAILABLE.equals(server.getSQLState())) {
                message += ". Other sessions held a lock it needs for longer than MIGRATION_STATEMENT_LOCK_TIMEOUT;"
                        + " rehearse when traffic is lower, or raise the timeout";
            }
            return new StatementFailure(message, server.getSQLState(), statement);
        }
        return new StatementFailure(describe(failure), sql == null ? null : sql.getSQLState(), statement);
    }

    /**
     * Liquibase's validation message is a header and indented lines naming each problem and its changeset; the first
     * line alone says only "Validation Failed:".
     */
    private static String oneLine(String message) {
        String[] lines = message.strip().split("\\R");
        String details = Arrays.stream(lines).skip(1).map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining("; "));
        return details.isEmpty() ? lines[0] : lines[0].strip() + " " + details;
    }

    private static String firstLine(String message) {
        String line = message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline).strip();
    }
}
