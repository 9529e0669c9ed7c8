package dev.automigrate.core;

/** The database did not answer within the connect timeout, or refused the credentials: exit 3. */
public final class DatabaseUnreachableException extends MigrationException {
    public DatabaseUnreachableException(String message, Throwable cause) {
        super(ExitCode.DATABASE_UNREACHABLE, message, cause);
    }
}
