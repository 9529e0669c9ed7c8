package dev.automigrate.core.liquibase;

import dev.automigrate.core.changelog.ChangeLogLocation;

/**
 * The migration lock, held by a run's connection from before it reads the applied changesets until after
 * it has verified them and recorded the fingerprint. Closing releases it; closing the connection would too.
 */
public final class HeldMigrationLock implements AutoCloseable {
    private final ParsedChangeLog parsed;
    private final AdvisoryLockService lock;
    private final ChangeLogLocation location;

    HeldMigrationLock(ParsedChangeLog parsed, AdvisoryLockService lock, ChangeLogLocation location) {
        this.parsed = parsed;
        this.lock = lock;
        this.location = location;
    }

    /** The changelog the run parsed, on the connection that holds the lock. */
    public ParsedChangeLog parsed() {
        return parsed;
    }

    @Override
    public void close() {
        try {
            LiquibaseScope.run(location, () -> {
                lock.releaseLock();
                return null;
            });
        } catch (Exception e) {
            // only a broken connection fails here, and the server releases a dead session's locks itself
        }
    }
}
