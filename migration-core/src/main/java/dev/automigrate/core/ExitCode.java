package dev.automigrate.core;

/** The process exit codes of product.md; plugin goals put them in their failure messages. */
public enum ExitCode {
    SUCCESS(0),
    PENDING(1),
    DRIFT(2),
    DATABASE_UNREACHABLE(3),
    MIGRATION_FAILED(4),
    BAD_SETTINGS(64);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
