package dev.automigrate.core.startup;

/** What startup found at the point where the policy must decide. */
public enum Observation {
    DATABASE_UNREACHABLE,
    DRIFT,
    PENDING,
    UP_TO_DATE,
    /** Nothing pending, but runAlways changesets, which an automatic start runs every time. */
    UP_TO_DATE_RUNS_ALWAYS,
    MIGRATION_FAILED
}
