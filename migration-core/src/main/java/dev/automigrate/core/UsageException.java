package dev.automigrate.core;

/** A request that cannot be carried out as asked (a missing changelog, an unconfirmed reset, …): exit 64. */
public final class UsageException extends MigrationException {
    public UsageException(String message) {
        super(ExitCode.BAD_SETTINGS, message, null);
    }
}
