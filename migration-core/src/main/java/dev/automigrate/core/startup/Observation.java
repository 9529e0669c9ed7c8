package dev.automigrate.core.startup;

/** What startup found at the point where the policy must decide. */
public enum Observation {
    DATABASE_UNREACHABLE,
    DRIFT,
    PENDING,
    UP_TO_DATE,
    MIGRATION_FAILED
}
