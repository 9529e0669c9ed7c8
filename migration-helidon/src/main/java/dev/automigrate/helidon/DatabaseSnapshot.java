package dev.automigrate.helidon;

import dev.automigrate.core.database.LockHolder;
import dev.automigrate.core.status.DatabaseStatus;

/**
 * What one probe of the database saw: whether it answered, how fast, and the migration state compared
 * with the cached changelog.
 *
 * @param latencyMs null when the database did not answer
 * @param error     why the database did not answer, secrets masked; null when it did
 * @param status    null when the database did not answer or the changelog is not loaded yet
 * @param lockHolder the session holding the migration lock (an instance migrating now); null when none
 *                   does or the database did not answer
 */
public record DatabaseSnapshot(boolean connected, String product, Long latencyMs, String error,
                               DatabaseStatus status, LockHolder lockHolder, long takenAtNanos) {

    static DatabaseSnapshot answered(String product, long latencyMs, DatabaseStatus status, LockHolder lockHolder) {
        return new DatabaseSnapshot(true, product, latencyMs, null, status, lockHolder, System.nanoTime());
    }

    static DatabaseSnapshot unanswered(String error) {
        return new DatabaseSnapshot(false, null, null, error, null, null, System.nanoTime());
    }
}
