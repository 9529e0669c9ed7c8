package dev.automigrate.core;

/**
 * A fault the core cannot turn into a report: each carries the exit code of product.md. Messages
 * never contain a password: every subclass is built from masked values.
 */
public abstract class MigrationException extends RuntimeException {
    private final ExitCode exitCode;

    protected MigrationException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
