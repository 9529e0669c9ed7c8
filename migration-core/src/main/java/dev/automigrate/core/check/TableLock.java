package dev.automigrate.core.check;

import java.util.List;

/**
 * The strongest lock a rehearsed changeset took on one relation, as {@code pg_locks} shows it for the rehearsal's
 * session.
 *
 * @param relation {@code schema.name}
 * @param mode     PostgreSQL's name of the lock mode, e.g. {@code AccessExclusiveLock}
 * @param existing whether the relation existed before the changeset: a lock on one the changeset creates blocks nobody
 */
public record TableLock(String relation, String mode, boolean existing) {
    /** PostgreSQL's table lock modes, weakest first. */
    static final List<String> MODES = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    /** How strong the mode is: the higher, the more it blocks; -1 for a mode this list does not know. */
    public int strength() {
        return MODES.indexOf(mode);
    }

    public String describe() {
        return mode + " on " + relation + (existing ? "" : " (new)");
    }
}
