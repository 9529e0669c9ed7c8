package dev.automigrate.service;

import dev.automigrate.core.DatabaseStatus;

/**
 * What one probe of the database saw: whether it answered, how fast, and the migration state compared
 * with the cached changelog.
 *
 * @param latencyMs null when the database did not answer
 * @param error     why the database did not answer, secrets masked; null when it did
 * @param status    null when the database did not answer or the changelog is not loaded yet
 */
public record DatabaseSnapshot(boolean connected, String product, Long latencyMs, String error,
                               DatabaseStatus status, long takenAtNanos) {

    static DatabaseSnapshot answered(String product, long latencyMs, DatabaseStatus status) {
        return new DatabaseSnapshot(true, product, latencyMs, null, status, System.nanoTime());
    }

    static DatabaseSnapshot unanswered(String error) {
        return new DatabaseSnapshot(false, null, null, error, null, System.nanoTime());
    }
}
