package dev.automigrate.core.startup;

/** How a startup migration ended, as {@code /db-status} reports it in {@code lastRun.outcome}. */
public enum Outcome {
    /** Pending changesets were applied. */
    APPLIED,
    /** Nothing was pending. */
    UP_TO_DATE,
    /** Check-only mode found pending changesets and left them. */
    CHECKED,
    /** The connection, the status or a changeset failed. */
    FAILED,
    /** No migration ran (for example, before the first run). */
    SKIPPED
}
