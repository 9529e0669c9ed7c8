package dev.automigrate.core.startup;

import dev.automigrate.core.ExitCode;

/**
 * The two switches of product.md and what they decide: a pure function of (switches, observation).
 * <pre>
 *                       automatic(t,t)  check-only(f,t)   permissive(t,f)   check-only never failing(f,f)
 * DATABASE_UNREACHABLE  STOP 3          STOP 3            START_NOT_READY   START_NOT_READY
 * DRIFT                 STOP 2          STOP 2            START_NOT_READY   START_NOT_READY
 * PENDING               APPLY           START_NOT_READY   APPLY             START_NOT_READY
 * UP_TO_DATE            START           START             START             START
 * UP_TO_DATE_RUNS_ALWAYS APPLY          START             APPLY             START
 * MIGRATION_FAILED      STOP 4          STOP 4            START_NOT_READY   START_NOT_READY
 * </pre>
 */
public record Policy(boolean autoMigrate, boolean failOnError) {

    public Mode mode() {
        if (!autoMigrate) {
            return Mode.CHECK_ONLY;
        }
        return failOnError ? Mode.AUTOMATIC : Mode.PERMISSIVE;
    }

    public Decision decide(Observation observation) {
        return switch (observation) {
            case UP_TO_DATE -> Decision.start();
            case UP_TO_DATE_RUNS_ALWAYS -> autoMigrate ? Decision.apply() : Decision.start();
            case PENDING -> autoMigrate ? Decision.apply() : Decision.startNotReady();
            case DATABASE_UNREACHABLE -> failOrStart(ExitCode.DATABASE_UNREACHABLE);
            case DRIFT -> failOrStart(ExitCode.DRIFT);
            case MIGRATION_FAILED -> failOrStart(ExitCode.MIGRATION_FAILED);
        };
    }

    private Decision failOrStart(ExitCode exitCode) {
        return failOnError ? Decision.stop(exitCode) : Decision.startNotReady();
    }
}
