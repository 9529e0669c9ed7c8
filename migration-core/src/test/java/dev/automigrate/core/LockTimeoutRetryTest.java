package dev.automigrate.core;

import static dev.automigrate.core.testing.PlainLiquibase.query;
import static dev.automigrate.core.testing.PlainLiquibase.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploying under live traffic: a changeset waits at most the per-attempt lock timeout for a table lock, so the
 * application's queries never queue behind it for longer, and is tried again until the blocker is gone or the
 * retry budget is spent. What stays in the database is what one uninterrupted run would have left.
 */
class LockTimeoutRetryTest {
    private static final String NOTES = "001-crew-notes";

    @TempDir
    Path resources;
    private DatabaseUrl url;
    private ChangeLogFolder files;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void crewTableInUse() throws SQLException {
        url = PostgresFixture.newDatabase();
        files = new ChangeLogFolder(resources);
        execute(url, "create table crew (id int primary key, name text)",
                "insert into crew select g, 'crew ' || g from generate_series(1, 100) g");
    }

    @AfterEach
    void stopTimers() {
        later.shutdownNow();
    }

    private Migrations migrations(Map<String, String> settings) {
        return TestMigrations.of(url, resources, settings);
    }

    /**
     * The issue's scenario, shortened: a report holds an ordinary read lock on crew (until 3 s after the migration
     * first gave up on it), the application reads crew every 100 ms, and a deploy adds a nullable column with the
     * default settings.
     */
    @Test
    void applicationReadsWaitAtMostAboutOneAttemptAndTheChangeSetIsAppliedOnceAfterTheReport() throws Exception {
        files.sqlChangeSet(NOTES, "ana", "alter table crew add column notes text");
        List<MigrationEvent> events = Collections.synchronizedList(new ArrayList<>());
        MigrationResult result;
        List<Duration> reads;
        try (Connection report = connectAs("nightly-report"); ApplicationReads application = ApplicationReads.start(url)) {
            holdReadLock(report);

            result = migrations(Map.of()).migrate(endAfterFirstRetry(report, Duration.ofSeconds(3), events));
            reads = application.stop();
        }

        assertEquals(List.of(NOTES), result.applied().stream().map(a -> a.changeSet().id()).toList());
        assertTrue(result.statusAfter().upToDate(), result.statusAfter().toString());
        assertEquals(List.of(NOTES + " EXECUTED"),
                query(url, "select id || ' ' || exectype from databasechangelog order by orderexecuted"));
        assertEquals(List.of("id", "name", "notes"), columns(url));

        List<MigrationEvent.LockTimeoutRetry> retries = retries(events);
        assertFalse(retries.isEmpty(), events::toString);
        assertEquals(1, retries.get(0).attempt());
        assertTrue(retries.stream().anyMatch(r -> r.blockers().stream()
                .anyMatch(b -> "nightly-report".equals(b.applicationName()))), retries::toString);
        String line = ReportText.event(retries.get(retries.size() - 1));
        assertTrue(line.startsWith("Waited 1 s for a table lock: 1/1 " + NOTES + " (ana), attempt "), line);
        assertTrue(line.contains("trying again in "), line);
        assertEquals(1, count(events, MigrationEvent.ChangeSetStarting.class), "announced once: " + events);
        assertEquals(1, count(events, MigrationEvent.ChangeSetApplied.class), events::toString);
        assertEquals(0, count(events, MigrationEvent.ChangeSetFailed.class), events::toString);

        // the application read all along; without retries every read would have queued until the report ended
        assertTrue(reads.size() >= 10, "reads: " + reads);
        Duration worst = Collections.max(reads);
        assertTrue(worst.compareTo(Duration.ofSeconds(3)) < 0, "worst read " + worst.toMillis() + " ms: " + reads);

        // what stays is what plain Liquibase leaves when nothing is in the way
        DatabaseUrl plain = PostgresFixture.newDatabase();
        execute(plain, "create table crew (id int primary key, name text)");
        PlainLiquibase.of(resources).update(plain);
        assertEquals(rows(plain), rows(url));
        assertEquals(columns(plain), columns(url));
    }

    @Test
    void whenTheBudgetIsSpentTheFailureNamesTheBlockerLeavesNothingAndTheNextRunApplies() throws Exception {
        files.sqlChangeSet("000-agents", "ana", "create table agents (id int)")
                .sqlChangeSet(NOTES, "ana", "alter table crew add column notes text");
        List<MigrationEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (Connection report = connectAs("nightly-report")) {
            holdReadLock(report);

            MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations(Map.of(
                    "MIGRATION_STATEMENT_LOCK_TIMEOUT", "300ms", "MIGRATION_LOCK_RETRY_BUDGET", "1500ms"))
                    .migrate(events::add));

            assertEquals(ExitCode.MIGRATION_FAILED, failure.exitCode());
            assertEquals(NOTES, failure.changeSet().id());
            assertEquals(List.of("000-agents"), failure.appliedBefore().stream().map(a -> a.changeSet().id()).toList());
            String message = failure.getMessage();
            assertTrue(message.contains("lock timeout [SQLSTATE 55P03]: gave up after "), message);
            assertTrue(message.contains("nightly-report"), message);
            assertTrue(message.contains("select count(*) from crew"), message);
            assertTrue(message.contains("Nothing of this changeset was applied"), message);
            assertTrue(message.contains("raise MIGRATION_LOCK_RETRY_BUDGET"), message);
            assertFalse(message.contains(PostgresFixture.PASSWORD + "@"), message);
            assertFalse(retries(events).isEmpty(), events::toString);
            assertEquals(1, count(events, MigrationEvent.ChangeSetFailed.class), events::toString);
            assertEquals(List.of("id", "name"), columns(url));
            assertEquals(List.of("000-agents"), query(url, "select id from databasechangelog"));
            report.rollback();
        }

        MigrationResult again = migrations(Map.of()).migrate(MigrationListener.NONE);
        assertEquals(List.of(NOTES), again.applied().stream().map(a -> a.changeSet().id()).toList());
        assertEquals(List.of("id", "name", "notes"), columns(url));
    }

    @Test
    void aConcurrentIndexBlockedOnItsTableLockIsTriedAgain() throws Exception {
        files.changeSet("001-index", "001-index", "bo", "create index concurrently crew_name on crew (name)", false);
        List<MigrationEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (Connection maintenance = connectAs("manual-maintenance")) {
            maintenance.setAutoCommit(false);
            execute(maintenance, "lock table crew in share update exclusive mode");

            MigrationResult result = migrations(Map.of("MIGRATION_STATEMENT_LOCK_TIMEOUT", "500ms"))
                    .migrate(endAfterFirstRetry(maintenance, Duration.ofMillis(500), events));
            assertEquals(1, result.applied().size());
        }
        assertFalse(retries(events).isEmpty(), events::toString);
        assertEquals(0, count(events, MigrationEvent.InvalidIndexDropped.class), "nothing was left: " + events);
        assertEquals(List.of("crew_name true"), query(url, "select c.relname || ' ' || i.indisvalid from pg_index i"
                + " join pg_class c on c.oid = i.indexrelid where c.relname = 'crew_name'"));
        assertEquals(List.of("001-index EXECUTED"), query(url, "select id || ' ' || exectype from databasechangelog"));
    }

    /**
     * A concurrent build that times out while it waits for a writer's transaction has already committed its index
     * entry: PostgreSQL leaves the index INVALID. It is dropped before the next attempt, which builds it for real.
     */
    @Test
    void anIndexLeftInvalidByATimedOutConcurrentBuildIsDroppedBeforeTheNextAttempt() throws Exception {
        files.changeSet("001-index", "001-index", "bo",
                "create index concurrently if not exists crew_name on crew (name)", false);
        List<MigrationEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (Connection writer = connectAs("slow-writer")) {
            writer.setAutoCommit(false);
            execute(writer, "insert into crew values (1000, 'new crew')");
            // the drop of the invalid index waits for the writer too: the writer ends once the failed build left it
            later.scheduleWithFixedDelay(() -> {
                try {
                    if (!query(url, "select 1 from pg_index i where not indisvalid and not exists"
                            + " (select 1 from pg_stat_progress_create_index p where p.index_relid = i.indexrelid)")
                            .isEmpty()) {
                        writer.commit();
                        later.shutdown();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, 50, 50, TimeUnit.MILLISECONDS);

            MigrationResult result = migrations(Map.of("MIGRATION_STATEMENT_LOCK_TIMEOUT", "500ms")).migrate(events::add);
            assertEquals(1, result.applied().size());
        }
        List<MigrationEvent.InvalidIndexDropped> dropped = events.stream()
                .filter(e -> e instanceof MigrationEvent.InvalidIndexDropped)
                .map(e -> (MigrationEvent.InvalidIndexDropped) e).toList();
        assertEquals(1, dropped.size(), events::toString);
        assertEquals("crew_name", dropped.get(0).index());
        assertTrue(ReportText.event(dropped.get(0)).startsWith("Dropped index crew_name (DROP INDEX CONCURRENTLY)"));
        assertTrue(retries(events).get(0).blockers().stream().anyMatch(b -> "slow-writer".equals(b.applicationName())),
                events::toString);
        assertEquals(List.of("crew_name true"), query(url, "select c.relname || ' ' || i.indisvalid from pg_index i"
                + " join pg_class c on c.oid = i.indexrelid where c.relname = 'crew_name'"));
        assertEquals(List.of("001-index EXECUTED"), query(url, "select id || ' ' || exectype from databasechangelog"));
    }

    @Test
    void aNonTransactionalChangeSetWhoseEarlierStatementIsCommittedIsNotTriedAgain() throws Exception {
        files.changeSet("001-two", "001-two", "bo", "create table crew_history (id int); "
                + "alter table crew add column notes text", false);
        List<MigrationEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (Connection report = connectAs("nightly-report")) {
            holdReadLock(report);

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrations(Map.of("MIGRATION_STATEMENT_LOCK_TIMEOUT", "300ms")).migrate(events::add));

            assertTrue(failure.getMessage().contains("Not tried again"), failure.getMessage());
            assertTrue(failure.getMessage().contains("nightly-report"), failure.getMessage());
            report.rollback();
        }
        assertEquals(0, retries(events).size(), events::toString);
        assertEquals(List.of("crew_history"), query(url, "select table_name from information_schema.tables"
                + " where table_name = 'crew_history'"), "committed before the failure, as without retries");
        assertEquals(List.of(), query(url, "select id from databasechangelog"));
    }

    @Test
    void aFailureOtherThanALockTimeoutIsNotTriedAgain() throws Exception {
        files.sqlChangeSet("001-broken", "ana", "alter table crew add column notes no_such_type");
        List<MigrationEvent> events = Collections.synchronizedList(new ArrayList<>());

        MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                () -> migrations(Map.of()).migrate(events::add));

        assertTrue(failure.databaseError().contains("no_such_type"), failure.databaseError());
        assertEquals(0, retries(events).size(), events::toString);
        assertEquals(1, count(events, MigrationEvent.ChangeSetFailed.class), events::toString);
    }

    /** The application: a read of crew every 100 ms on its own connection, each read's latency recorded. */
    private static final class ApplicationReads implements AutoCloseable {
        private final Connection connection;
        private final List<Duration> latencies = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Exception failure;

        private ApplicationReads(Connection connection) {
            this.connection = connection;
            this.thread = new Thread(this::readEvery100Ms, "application-reads");
        }

        static ApplicationReads start(DatabaseUrl url) throws SQLException {
            ApplicationReads reads = new ApplicationReads(PostgresFixture.connect(url));
            reads.thread.start();
            return reads;
        }

        private void readEvery100Ms() {
            try (PreparedStatement read = connection.prepareStatement("select count(*) from crew")) {
                while (running) {
                    long start = System.nanoTime();
                    try (ResultSet row = read.executeQuery()) {
                        row.next();
                    }
                    latencies.add(Duration.ofNanos(System.nanoTime() - start));
                    Thread.sleep(100);
                }
            } catch (SQLException | InterruptedException e) {
                failure = e;
            }
        }

        List<Duration> stop() throws Exception {
            running = false;
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (failure != null) {
                throw failure;
            }
            return List.copyOf(latencies);
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(TimeUnit.SECONDS.toMillis(30));
            connection.close();
        }
    }

    private void holdReadLock(Connection report) throws SQLException {
        report.setAutoCommit(false);
        try (Statement statement = report.createStatement(); ResultSet row = statement.executeQuery(
                "select count(*) from crew")) {
            row.next();
        }
    }

    /** Records the events, and ends the blocking transaction a while after the migration first gave up on it. */
    private MigrationListener endAfterFirstRetry(Connection transaction, Duration after, List<MigrationEvent> events) {
        return event -> {
            if (event instanceof MigrationEvent.LockTimeoutRetry && retries(events).isEmpty()) {
                later.schedule(() -> {
                    transaction.commit();
                    return null;
                }, after.toMillis(), TimeUnit.MILLISECONDS);
            }
            events.add(event);
        };
    }

    private Connection connectAs(String applicationName) throws SQLException {
        Properties properties = url.jdbcProperties();
        properties.setProperty("ApplicationName", applicationName);
        return java.sql.DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    private static List<MigrationEvent.LockTimeoutRetry> retries(List<MigrationEvent> events) {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof MigrationEvent.LockTimeoutRetry)
                    .map(e -> (MigrationEvent.LockTimeoutRetry) e).toList();
        }
    }

    private static long count(List<MigrationEvent> events, Class<? extends MigrationEvent> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).count();
        }
    }

    private static List<String> columns(DatabaseUrl url) throws SQLException {
        return query(url, "select column_name from information_schema.columns where table_name = 'crew'"
                + " order by ordinal_position");
    }

    private static void execute(DatabaseUrl url, String... statements) throws SQLException {
        try (Connection connection = PostgresFixture.connect(url)) {
            execute(connection, statements);
        }
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
