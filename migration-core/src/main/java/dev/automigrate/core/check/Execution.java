package dev.automigrate.core.check;

import java.time.Duration;

/**
 * What running a changeset, or its rollback, did inside a rehearsal.
 *
 * @param failure null when every statement succeeded
 * @param skipped why nothing ran although nothing failed (a precondition with {@code onFail: MARK_RAN} or
 *                {@code CONTINUE}), else null
 */
public record Execution(Duration duration, StatementFailure failure, String skipped) {

    public static Execution ran(Duration duration) {
        return new Execution(duration, null, null);
    }

    public static Execution failed(Duration duration, StatementFailure failure) {
        return new Execution(duration, failure, null);
    }

    public static Execution skipped(Duration duration, String why) {
        return new Execution(duration, null, why);
    }

    public boolean failed() {
        return failure != null;
    }
}
