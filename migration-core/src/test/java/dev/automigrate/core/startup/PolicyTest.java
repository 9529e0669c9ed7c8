package dev.automigrate.core.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.automigrate.core.ExitCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {

    @ParameterizedTest(name = "auto={0} fail={1}: {2} -> {3} {4}")
    @CsvSource(textBlock = """
            true,  true,  UP_TO_DATE,           START,           SUCCESS
            true,  true,  UP_TO_DATE_RUNS_ALWAYS, APPLY,           SUCCESS
            true,  true,  PENDING,              APPLY,           SUCCESS
            true,  true,  DATABASE_UNREACHABLE, STOP,            DATABASE_UNREACHABLE
            true,  true,  DRIFT,                STOP,            DRIFT
            true,  true,  MIGRATION_FAILED,     STOP,            MIGRATION_FAILED
            false, true,  UP_TO_DATE,           START,           SUCCESS
            false, true,  UP_TO_DATE_RUNS_ALWAYS, START,           SUCCESS
            false, true,  PENDING,              START_NOT_READY, SUCCESS
            false, true,  DATABASE_UNREACHABLE, STOP,            DATABASE_UNREACHABLE
            false, true,  DRIFT,                STOP,            DRIFT
            true,  false, UP_TO_DATE,           START,           SUCCESS
            true,  false, UP_TO_DATE_RUNS_ALWAYS, APPLY,           SUCCESS
            true,  false, PENDING,              APPLY,           SUCCESS
            true,  false, DATABASE_UNREACHABLE, START_NOT_READY, SUCCESS
            true,  false, DRIFT,                START_NOT_READY, SUCCESS
            true,  false, MIGRATION_FAILED,     START_NOT_READY, SUCCESS
            false, false, UP_TO_DATE,           START,           SUCCESS
            false, false, UP_TO_DATE_RUNS_ALWAYS, START,           SUCCESS
            false, false, PENDING,              START_NOT_READY, SUCCESS
            false, false, DATABASE_UNREACHABLE, START_NOT_READY, SUCCESS
            false, false, DRIFT,                START_NOT_READY, SUCCESS
            """)
    void decisionTable(boolean autoMigrate, boolean failOnError, Observation observation, Decision.Action action,
                       ExitCode exitCode) {
        assertEquals(new Decision(action, exitCode), new Policy(autoMigrate, failOnError).decide(observation));
    }

    @ParameterizedTest
    @CsvSource({"true,true,AUTOMATIC", "false,true,CHECK_ONLY", "true,false,PERMISSIVE", "false,false,CHECK_ONLY"})
    void modes(boolean autoMigrate, boolean failOnError, Mode mode) {
        assertEquals(mode, new Policy(autoMigrate, failOnError).mode());
    }
}
