package dev.automigrate.core.liquibase;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.database.LockHolder;
import dev.automigrate.core.database.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;

/**
 * Liquibase's lock service on a PostgreSQL advisory lock instead of the DATABASECHANGELOGLOCK row,
 * which stays taken when a process dies and needs a manual releaseLocks. Registered ahead of
 * Liquibase's own, so update, rollback and dropAll all take it.
 */
public final class AdvisoryLockService implements LockService {
    static final String LOCK_TIMEOUT = "automigrate.lockTimeout";
    static final String LISTENER = "automigrate.listener";
    private static final Duration RECHECK = Duration.ofMillis(250);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private Database database;
    private boolean held;

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 5;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public void setDatabase(Database database) {
        this.database = database;
    }

    @Override
    public void setChangeLogLockWaitTime(long minutes) {
        // the wait comes from MIGRATION_LOCK_TIMEOUT through the scope, with finer than minute precision
    }

    @Override
    public void setChangeLogLockRecheckTime(long seconds) {
        // rechecked every 250 ms: an advisory lock is cheap to ask for
    }

    @Override
    public boolean hasChangeLogLock() {
        return held;
    }

    @Override
    public void waitForLock() throws LockException {
        if (held) {
            return;
        }
        Duration timeout = Scope.getCurrentScope().get(LOCK_TIMEOUT, Duration.ofMinutes(5));
        MigrationListener listener = Scope.getCurrentScope().get(LISTENER, MigrationListener.NONE);
        long start = System.nanoTime();
        long nextReport = 0;
        while (!acquireLock()) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            String holder = holder().map(LockHolder::describe).orElse("another session");
            if (waited.compareTo(timeout) >= 0) {
                throw new LockException("Timed out after " + timeout.toSeconds() + "s waiting for the migration lock held by "
                        + holder + "; it is released when that migration ends or its connection dies. "
                        + "Raise MIGRATION_LOCK_TIMEOUT if migrations take longer.");
            }
            if (waited.toNanos() >= nextReport) {
                listener.on(new MigrationEvent.LockWaiting(holder, waited, timeout));
                nextReport = waited.toNanos() + REPORT_EVERY.toNanos();
            }
            try {
                Thread.sleep(RECHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockException("Interrupted while waiting for the migration lock", e);
            }
        }
        if (start != 0 && System.nanoTime() - start > RECHECK.toNanos()) {
            listener.on(new MigrationEvent.LockAcquired(Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    @Override
    public boolean acquireLock() throws LockException {
        if (held) {
            return true;
        }
        try {
            Connection connection = connection();
            held = lock(connection).tryAcquire(connection);
            if (held) {
                // what was read before the lock is stale: another instance may have applied changesets meanwhile
                Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class)
                        .getChangeLogService(database).reset();
            }
            // no transaction may stay open on the lock's session: CREATE INDEX CONCURRENTLY waits for them
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return held;
        } catch (SQLException e) {
            throw new LockException("Cannot take the migration lock: " + LiquibaseErrors.describe(e), e);
        }
    }

    @Override
    public void releaseLock() throws LockException {
        if (!held) {
            return;
        }
        try {
            Connection connection = connection();
            if (!connection.isClosed()) {
                lock(connection).release(connection);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
        } catch (SQLException e) {
            throw new LockException("Cannot release the migration lock: " + LiquibaseErrors.describe(e), e);
        } finally {
            held = false;
        }
    }

    @Override
    public DatabaseChangeLogLock[] listLocks() throws LockException {
        return holder().map(h -> new DatabaseChangeLogLock[] {
                new DatabaseChangeLogLock(1, h.since() == null ? null : Date.from(h.since()), h.describe())})
                .orElse(new DatabaseChangeLogLock[0]);
    }

    @Override
    public void forceReleaseLock() throws LockException {
        releaseLock();
    }

    @Override
    public void reset() {
        held = false;
    }

    @Override
    public void init() {
        // an advisory lock needs no table
    }

    @Override
    public void destroy() {
        // an advisory lock needs no table
    }

    private Optional<LockHolder> holder() throws LockException {
        try {
            Connection connection = connection();
            return lock(connection).holder(connection);
        } catch (SQLException e) {
            throw new LockException("Cannot read who holds the migration lock: " + LiquibaseErrors.describe(e), e);
        }
    }

    private MigrationLock lock(Connection connection) throws SQLException {
        String schema = database.getDefaultSchemaName();
        return schema != null ? new MigrationLock(schema) : MigrationLock.forCurrentSchema(connection);
    }

    private Connection connection() {
        return ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    }
}
