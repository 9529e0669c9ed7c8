package dev.automigrate.core.generate;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationException;

/**
 * A schema diff could not be turned into a changeset that does what it should (it failed to apply, or left a
 * difference behind): exit 4, and nothing was written.
 */
public final class GenerationFailedException extends MigrationException {
    public GenerationFailedException(String message, Throwable cause) {
        super(ExitCode.MIGRATION_FAILED, message, cause);
    }
}
