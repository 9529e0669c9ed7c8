package dev.automigrate.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.database.MigrationLock;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.testing.PostgresFixture;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared probe's freshness on a real database: a stale snapshot is answered at once while one refresh runs;
 * a snapshot past the stale limit, none at all or an invalidated one makes the caller wait for a new probe.
 * The change a probe can see is another session taking the migration lock.
 */
class DatabaseProbeTest {
    /** Well above the probe\'s stale limit, for a loaded machine. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(5);
    private static final Duration HOUR = Duration.ofHours(1);

    private final DatabaseUrl database = PostgresFixture.newDatabase();
    private final GatedReader reader = new GatedReader();
    private Connection otherReplica;
    private MigrationLock lock;

    @BeforeEach
    void connectAnotherReplica() throws Exception {
        otherReplica = PostgresFixture.connect(database);
        lock = MigrationLock.forCurrentSchema(otherReplica);
    }

    @AfterEach
    void close() throws Exception {
        reader.release();
        otherReplica.close();
    }

    @Test
    void aStaleSnapshotIsAnsweredAtOnceWhileOneRefreshRuns() throws Exception {
        // every snapshot is stale at once, and stays answerable for an hour
        try (DatabaseProbe probe = probe(Duration.ZERO, HOUR)) {
            DatabaseSnapshot first = probe.current();
            assertTrue(first.connected(), first::toString);
            assertNull(first.lockHolder());
            assertEquals(1, reader.calls());

            reader.holdNextCall();
            assertSame(first, probe.current(), "the stale snapshot, answered at once");
            reader.awaitHeld();
            assertTrue(lock.tryAcquire(otherReplica));
            // a caller that waited for the held refresh would get "did not answer within" instead
            for (int i = 0; i < 5; i++) {
                assertSame(first, probe.current());
            }
            assertEquals(2, reader.calls(), "one refresh for all of them");

            reader.release();
            DatabaseSnapshot seen = awaitLockHolder(probe);
            assertNotSame(first, seen);
            assertTrue(seen.takenAtNanos() > first.takenAtNanos());
        }
    }

    @Test
    void aSnapshotPastTheStaleLimitIsNotAnswered() throws Exception {
        Duration staleLimit = Duration.ofMillis(200);
        try (DatabaseProbe probe = probe(Duration.ZERO, staleLimit)) {
            DatabaseSnapshot first = probe.current();
            assertNull(first.lockHolder());
            assertTrue(lock.tryAcquire(otherReplica));
            // no call in between, so no refresh ran: only a probe made for this call can see the lock
            Thread.sleep(staleLimit.toMillis() * 2);

            DatabaseSnapshot next = probe.current();
            assertNotNull(next.lockHolder(), next::toString);
            assertEquals(2, reader.calls());
        }
    }

    @Test
    void anInvalidatedSnapshotIsNotAnswered() throws Exception {
        try (DatabaseProbe probe = probe(HOUR, HOUR)) {
            DatabaseSnapshot first = probe.current();
            assertTrue(lock.tryAcquire(otherReplica));
            assertSame(first, probe.current(), "fresh for an hour");

            probe.invalidate();
            DatabaseSnapshot next = probe.current();
            assertNotNull(next.lockHolder(), next::toString);
            assertSame(next, probe.current());
        }
    }

    @Test
    void aProbeStartedBeforeAnInvalidationDoesNotReplaceTheNewerAnswer() throws Exception {
        // a bound no wait below reaches, so the early caller gets its probe's own answer, not a timeout
        try (DatabaseProbe probe = probe(Duration.ofMinutes(1), HOUR, HOUR)) {
            reader.holdNextCall();
            CompletableFuture<DatabaseSnapshot> early = CompletableFuture.supplyAsync(probe::current);
            reader.awaitHeld();
            // the held probe has looked at the lock already: it saw none

            assertTrue(lock.tryAcquire(otherReplica));
            probe.invalidate();
            DatabaseSnapshot after = probe.current();
            assertNotNull(after.lockHolder(), after::toString);

            reader.release();
            // the early caller gets its own probe's answer; that probe has finished, and installed nothing
            assertNull(early.get(1, TimeUnit.MINUTES).lockHolder());
            assertSame(after, probe.current());
        }
    }

    private DatabaseProbe probe(Duration maxAge, Duration staleLimit) {
        return probe(DatabaseProbe.DEFAULT_BOUND, maxAge, staleLimit);
    }

    private DatabaseProbe probe(Duration bound, Duration maxAge, Duration staleLimit) {
        return new DatabaseProbe(database, reader, bound, maxAge, staleLimit);
    }

    /** Asks until a snapshot shows the other replica's lock; the refresh after the held one must. */
    private static DatabaseSnapshot awaitLockHolder(DatabaseProbe probe) throws InterruptedException {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        DatabaseSnapshot snapshot = probe.current();
        while (snapshot.lockHolder() == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the lock holder never showed: " + snapshot);
            }
            Thread.sleep(20);
            snapshot = probe.current();
        }
        return snapshot;
    }

    /** Reads no status; counts the probes and can hold one in the middle of its queries. */
    private static final class GatedReader implements DatabaseProbe.StatusReader {
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicBoolean holdNext = new AtomicBoolean();
        private volatile CountDownLatch held = new CountDownLatch(0);
        private volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public DatabaseStatus read(Connection connection) {
            calls.incrementAndGet();
            if (holdNext.compareAndSet(true, false)) {
                held.countDown();
                try {
                    gate.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        }

        void holdNextCall() {
            held = new CountDownLatch(1);
            gate = new CountDownLatch(1);
            holdNext.set(true);
        }

        void awaitHeld() throws InterruptedException {
            assertTrue(held.await(1, TimeUnit.MINUTES), "no probe reached the status read");
        }

        void release() {
            gate.countDown();
        }

        int calls() {
            return calls.get();
        }
    }
}
