package dev.automigrate.core.liquibase;

import dev.automigrate.core.database.BlockingSession;
import java.time.Duration;
import java.util.List;

/** What the update visitor tells the run's progress about the changeset it visits, beyond Liquibase's callbacks. */
interface ChangeSetAttempts {
    /** The changeset and its row are committed, or Liquibase skipped it. */
    void committed();

    /** An attempt gave up waiting for a table lock, left nothing behind, and the changeset is tried again. */
    void retrying(int attempt, Duration lockTimeout, Duration pause, Duration elapsed, List<BlockingSession> blockers);

    /** A failed attempt's {@code CREATE INDEX CONCURRENTLY} left this index INVALID, and it was dropped. */
    void invalidIndexDropped(String index);
}
