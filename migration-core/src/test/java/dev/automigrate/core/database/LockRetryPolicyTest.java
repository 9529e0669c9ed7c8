package dev.automigrate.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pauses between attempts as a table: attempt, time since the first began, jitter draw → pause or none. */
class LockRetryPolicyTest {
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

    @ParameterizedTest(name = "after attempt {0} at {1} ms of a {2} ms budget, draw {3}: {4}")
    @CsvSource({
            // doubling from 0.5 s, without jitter (a draw of 0.5 is the middle)
            "1, 1000, 180000, 0.5, 500",
            "2, 2500, 180000, 0.5, 1000",
            "3, 4500, 180000, 0.5, 2000",
            "4, 7500, 180000, 0.5, 4000",
            "5, 12500, 180000, 0.5, 8000",
            // at most 10 s
            "6, 21500, 180000, 0.5, 10000",
            "40, 170000, 180000, 0.5, 10000",
            // ±25 %
            "1, 1000, 180000, 0.0, 375",
            "1, 1000, 180000, 0.999999, 625",
            "6, 21500, 180000, 0.0, 7500",
            "6, 21500, 180000, 0.999999, 12500",
            // the last pause ends with the budget, and then no more
            "6, 175000, 180000, 0.5, 5000",
            "7, 180000, 180000, 0.5, -1",
            "7, 181000, 180000, 0.5, -1",
            // 0: never tried again
            "1, 1000, 0, 0.5, -1",
            "1, 0, 0, 0.5, -1",
    })
    void pauses(int attempt, long elapsedMs, long budgetMs, double draw, long expectedMs) {
        LockRetryPolicy policy = new LockRetryPolicy(LOCK_TIMEOUT, Duration.ofMillis(budgetMs), () -> draw);

        Optional<Duration> pause = policy.pauseAfter(attempt, Duration.ofMillis(elapsedMs));

        assertEquals(expectedMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(expectedMs)), pause);
    }
}
