package dev.automigrate.core.startup;

import dev.automigrate.core.ExitCode;

/** What the policy says to do next, and with which exit code if it stops. */
public record Decision(Action action, ExitCode exitCode) {

    public enum Action {
        /** Apply the pending changesets. */
        APPLY,
        /** Start serving: the schema is as expected. */
        START,
        /** Start serving, but not ready: something is wrong and was only logged. */
        START_NOT_READY,
        /** Stop the process with {@link #exitCode()}. */
        STOP
    }

    public static Decision apply() {
        return new Decision(Action.APPLY, ExitCode.SUCCESS);
    }

    public static Decision start() {
        return new Decision(Action.START, ExitCode.SUCCESS);
    }

    public static Decision startNotReady() {
        return new Decision(Action.START_NOT_READY, ExitCode.SUCCESS);
    }

    public static Decision stop(ExitCode exitCode) {
        return new Decision(Action.STOP, exitCode);
    }
}
