package dev.automigrate.core.database;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How a changeset waits for the table locks it needs under live traffic. PostgreSQL queues every later request for
 * a table behind a waiting lock request, so each attempt waits at most the lock timeout (the session's
 * {@code lock_timeout}): the application's queries never queue behind the migration for longer. An attempt that gave
 * up is tried again after a pause that doubles from 0.5 s up to 10 s, with ±25 % jitter so that retries do not fall
 * into step with a blocker that comes back regularly, while the next attempt can still start within the budget.
 */
public final class LockRetryPolicy {
    static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);
    static final double JITTER = 0.25;

    private final Duration lockTimeout;
    private final Duration budget;
    private final DoubleSupplier random;

    /**
     * @param lockTimeout the longest one attempt waits for a lock ({@code MIGRATION_STATEMENT_LOCK_TIMEOUT})
     * @param budget      how long after the first attempt began another may still start; zero: never
     */
    public LockRetryPolicy(Duration lockTimeout, Duration budget) {
        this(lockTimeout, budget, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform in [0, 1) */
    LockRetryPolicy(Duration lockTimeout, Duration budget, DoubleSupplier random) {
        this.lockTimeout = lockTimeout;
        this.budget = budget;
        this.random = random;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    public Duration budget() {
        return budget;
    }

    /**
     * The pause before the next attempt, after attempt number {@code failedAttempt} gave up; empty when the budget is
     * spent. The last pause is shortened so that the last attempt starts when the budget ends.
     *
     * @param elapsed since the first attempt of the changeset began
     */
    public Optional<Duration> pauseAfter(int failedAttempt, Duration elapsed) {
        Duration left = budget.minus(elapsed);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        long base = Math.min(FIRST_PAUSE.toMillis() << Math.min(Math.max(failedAttempt - 1, 0), 16),
                LONGEST_PAUSE.toMillis());
        long jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random.getAsDouble()));
        Duration pause = Duration.ofMillis(jittered);
        return Optional.of(pause.compareTo(left) < 0 ? pause : left);
    }
}
