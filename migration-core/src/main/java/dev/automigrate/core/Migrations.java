package dev.automigrate.core;

import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.ExpectedChangeSet;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.check.CheckReport;
import dev.automigrate.core.check.Finding;
import dev.automigrate.core.check.PlannedChangeSet;
import dev.automigrate.core.check.Rehearsal;
import dev.automigrate.core.check.RehearsalReport;
import dev.automigrate.core.check.SafetyAnalysis;
import dev.automigrate.core.database.ConnectionInfo;
import dev.automigrate.core.database.DatabaseConnector;
import dev.automigrate.core.database.LockRetryPolicy;
import dev.automigrate.core.database.LockWaitObserver;
import dev.automigrate.core.liquibase.HeldMigrationLock;
import dev.automigrate.core.liquibase.LiquibaseChangeLogReader;
import dev.automigrate.core.liquibase.LiquibaseMigrator;
import dev.automigrate.core.liquibase.LiquibaseRehearsal;
import dev.automigrate.core.liquibase.LiquibaseRollback;
import dev.automigrate.core.liquibase.LiquibaseSqlPlanner;
import dev.automigrate.core.liquibase.ParsedChangeLog;
import dev.automigrate.core.rollback.RollbackPlan;
import dev.automigrate.core.rollback.RollbackTarget;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.settings.SettingsException;
import dev.automigrate.core.status.AppliedChangeSet;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.status.Fingerprint;
import dev.automigrate.core.status.SchemaCatalog;
import dev.automigrate.core.status.StatusComparison;
import dev.automigrate.core.status.StatusReport;
import dev.automigrate.core.status.TrackingTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The commands every front end offers (status, migrate, check, history, reset) on one configured
 * database and changelog. Each opens its own connection and closes it. Outcomes are returned as
 * reports; faults are thrown as {@link MigrationException}s carrying their exit code.
 */
public final class Migrations {
    private final Settings settings;
    private final ChangeLogLocation location;
    private final DatabaseConnector connector;
    private final LiquibaseMigrator migrator;
    private final LiquibaseRollback rollback;
    private final Fingerprint fingerprint;
    private volatile ChangeLog lastParsed;

    /**
     * @param classpath where else to look for the changelog besides the search path folders; may be null
     */
    public Migrations(Settings settings, ClassLoader classpath) {
        DatabaseUrl url = settings.database().orElseThrow(
                () -> new SettingsException(Setting.DATABASE_URL, null, "is not set"));
        this.settings = settings;
        this.location = settings.changeLogLocation(classpath);
        this.connector = new DatabaseConnector(url, settings.connectTimeout());
        this.migrator = new LiquibaseMigrator(location, settings.lockTimeout());
        this.rollback = new LiquibaseRollback(location, settings.lockTimeout());
        this.fingerprint = new Fingerprint(location);
    }

    public Settings settings() {
        return settings;
    }

    public ChangeLogLocation location() {
        return location;
    }

    public DatabaseConnector connector() {
        return connector;
    }

    /** Reads the state without changing anything: no table is created, no lock is taken. */
    public StatusReport status() {
        try (Connection connection = connector.connectOnce()) {
            ConnectionInfo info = DatabaseConnector.describe(connection, connector.url());
            Optional<DatabaseStatus> upToDate = fingerprint.upToDateStatus(connection);
            DatabaseStatus status = upToDate.isPresent() ? upToDate.get() : readStatus(connection, changeLog(connection));
            return new StatusReport(info, status, SchemaCatalog.invalidIndexes(connection), location.filter());
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    /** The pre-deploy gate: unreachable, drift and (unless allowed) pending fail it. Never throws for those. */
    public CheckReport check(boolean allowPending) {
        return check(allowPending, false, MigrationListener.NONE);
    }

    /**
     * The pre-deploy gate, and with {@code rehearse} its rehearsal: under the migration lock, the pending changesets
     * and their rollbacks run for real in one transaction that is then rolled back ({@link Rehearsal}). Pending
     * changesets pass when their rehearsal raises no blocking finding. Never throws for unreachable, drift or pending;
     * waiting longer than the lock timeout for another instance's migration lock throws.
     */
    public CheckReport check(boolean allowPending, boolean rehearse, MigrationListener listener) {
        // a rehearsal holds locks: its session must end with this process, which connect() makes the server notice
        try (Connection connection = rehearse ? connector.connect(listener) : connector.connectOnce()) {
            ConnectionInfo info = DatabaseConnector.describe(connection, connector.url());
            Optional<DatabaseStatus> upToDate = fingerprint.upToDateStatus(connection);
            if (upToDate.isPresent()) {
                return CheckReport.of(new StatusReport(info, upToDate.get(), SchemaCatalog.invalidIndexes(connection),
                        location.filter()),
                        allowPending, List.of(), List.of(), rehearse ? RehearsalReport.nothingPending() : null);
            }
            ParsedChangeLog parsed = parse(connection);
            DatabaseStatus status = readStatusBeforeApplying(connection, parsed);
            parsed.requireParametersResolved(status.pending());
            List<PlannedChangeSet> plan = LiquibaseSqlPlanner.plan(location, parsed, status.pending());
            List<Finding> findings = SafetyAnalysis.analyse(plan, SchemaCatalog.tables(connection));
            StatusReport statusReport = new StatusReport(info, status, SchemaCatalog.invalidIndexes(connection),
                    location.filter());
            RehearsalReport rehearsal = !rehearse ? null
                    : status.hasDrift() ? RehearsalReport.notRun("drift")
                    : status.pending().isEmpty() ? RehearsalReport.nothingPending()
                    : rehearse(connection, parsed, status.pending(), plan, listener);
            return CheckReport.of(statusReport, allowPending, plan, findings, rehearsal);
        } catch (DatabaseUnreachableException e) {
            return CheckReport.unreachable(e.getMessage());
        } catch (SQLException e) {
            return CheckReport.unreachable(queryFailed(e).getMessage());
        }
    }

    /**
     * The rehearsal of what migrate would apply now: read again under the lock, as migrate reads it; the check's
     * plan is used when the pending changesets are still those it was made for.
     */
    private RehearsalReport rehearse(Connection connection, ParsedChangeLog parsed, List<PendingChangeSet> planned,
                                     List<PlannedChangeSet> checkPlan, MigrationListener listener) throws SQLException {
        try (HeldMigrationLock lock = lock(parsed, listener)) {
            DatabaseStatus status = readStatusBeforeApplying(connection, parsed);
            if (status.hasDrift()) {
                return RehearsalReport.notRun("drift");
            }
            List<PlannedChangeSet> plan = status.pending().equals(planned) ? checkPlan
                    : LiquibaseSqlPlanner.plan(location, parsed, status.pending());
            return new Rehearsal(settings.rehearsalTimeout(), settings.statementLockTimeout())
                    .run(connection, LiquibaseRehearsal.changeSets(lock, plan), listener);
        }
    }

    /** The applied changesets in execution order; empty when nothing was ever applied. */
    public List<AppliedChangeSet> history() {
        try (Connection connection = connector.connectOnce()) {
            return TrackingTable.read(connection).orElse(List.of());
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    /**
     * Applies every pending changeset; refuses on drift. The changelog is parsed once: the status, Liquibase's
     * update and the verification all use that one parse. The migration lock is held from before the applied
     * changesets are read until the fingerprint is recorded.
     */
    public MigrationResult migrate(MigrationListener listener) {
        long start = System.nanoTime();
        try (Connection connection = connector.connect(listener)) {
            Optional<DatabaseStatus> upToDate = fingerprint.upToDateStatus(connection);
            if (upToDate.isPresent() && !upToDate.get().hasWorkToRun()) {
                return new MigrationResult(List.of(), Duration.ofNanos(System.nanoTime() - start), upToDate.get());
            }
            ParsedChangeLog parsed = parse(connection, listener);
            try (HeldMigrationLock lock = lock(parsed, listener)) {
                DatabaseStatus before = readStatusBeforeApplying(connection, parsed);
                if (before.hasDrift()) {
                    throw new DriftException(before.drift());
                }
                List<AppliedResult> applied = List.of();
                if (before.hasWorkToRun()) {
                    parsed.requireParametersResolved(before.toRun());
                    initialiseTracking(lock, listener);
                    applied = applyOnly(connection, lock, before.toRun(), listener);
                }
                ChangeLog changeLog = changeLog(parsed);
                DatabaseStatus after = before.hasWorkToRun() ? readStatus(connection, changeLog) : before;
                if (after.upToDate()) {
                    fingerprint.tryRecord(connection, changeLog);
                    parsed.tryRecordFiles(connection);
                }
                return new MigrationResult(applied, Duration.ofNanos(System.nanoTime() - start), after);
            }
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    /**
     * Adopts a database whose schema was made without this changelog (by hand, by another tool): records every
     * changeset the filter selects as applied without running it, as Liquibase's changelog-sync does, up to and
     * including {@code through} (an id, or {@code path::id::author} where ids repeat) when it is not null. Refuses
     * when {@code databasechangelog} already has rows: such a database is migrated, not adopted.
     */
    public BaselineResult baseline(String through, MigrationListener listener) {
        try (Connection connection = connector.connect(listener)) {
            ParsedChangeLog parsed = parse(connection);
            String throughIdentity = through == null ? null : identityOf(through, parsed.changeLogToCompareWith(null));
            try (HeldMigrationLock lock = lock(parsed, listener)) {
                List<AppliedChangeSet> rows = TrackingTable.read(connection).orElse(List.of());
                if (!rows.isEmpty()) {
                    throw new UsageException("baseline refused: databasechangelog already records " + rows.size()
                            + " changeset(s), the last " + rows.get(rows.size() - 1).identity() + "; a baseline adopts "
                            + "a database nothing has migrated yet: use migrate");
                }
                List<PendingChangeSet> recorded;
                try {
                    recorded = migrator.baseline(lock, throughIdentity, listener);
                } finally {
                    if (!connection.isClosed()) {
                        connection.setAutoCommit(true);
                    }
                }
                ChangeLog changeLog = changeLog(parsed);
                DatabaseStatus after = readStatus(connection, changeLog);
                if (after.upToDate()) {
                    fingerprint.tryRecord(connection, changeLog);
                }
                return new BaselineResult(recorded, after);
            }
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    /** The identity of the one selected changeset that {@code through} names, by its id or its identity. */
    private static String identityOf(String through, ChangeLog changeLog) {
        String wanted = through.strip();
        List<String> matches = changeLog.changeSets().stream().filter(ExpectedChangeSet::selected)
                .filter(c -> c.id().equals(wanted) || c.identity().equals(wanted))
                .map(ExpectedChangeSet::identity).toList();
        if (matches.isEmpty()) {
            throw new UsageException("baseline --to '" + wanted + "': no changeset of the changelog has that id"
                    + (changeLog.filteredOut() > 0 ? " among those the contexts and labels select" : ""));
        }
        if (matches.size() > 1) {
            throw new UsageException("baseline --to '" + wanted + "': " + matches.size() + " changesets have that id ("
                    + String.join(", ", matches) + "); name one as path::id::author");
        }
        return matches.get(0);
    }

    /** Drops every object of the schema and applies the changelog again, once the request passes its guard. */
    public MigrationResult reset(ResetRequest request, MigrationListener listener) {
        request.verify(connector.url());
        try (Connection connection = connector.connect(listener)) {
            migrator.dropAll(connection);
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw queryFailed(e);
        }
        return migrate(listener);
    }

    /** The fast path's record of what this database last saw fully applied. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** Tags the current state (the most recently applied changeset). */
    public void tag(String tag) {
        if (tag == null || tag.isBlank()) {
            throw new UsageException("a tag name is required (-Dmigration.tag=v1.4.0, or tag v1.4.0)");
        }
        try (Connection connection = connector.connect(MigrationListener.NONE)) {
            rollback.tag(connection, tag.strip());
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    /** What a rollback would undo and the SQL it would run; changes nothing. */
    public RollbackPlan rollbackPlan(RollbackTarget target) {
        try (Connection connection = connector.connectOnce()) {
            return rollback.plan(connection, target);
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    /** Undoes applied changesets under the migration lock; refuses before running anything if one cannot be undone. */
    public List<AppliedChangeSet> rollback(RollbackTarget target, MigrationListener listener) {
        try (Connection connection = connector.connect(listener)) {
            return rollback.rollback(connection, target, listener);
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    /** The pre-deploy rules applied to the SQL of these pending changesets; reads, never writes. */
    List<Finding> safetyFindings(Connection connection, ParsedChangeLog parsed, List<PendingChangeSet> pending)
            throws SQLException {
        return SafetyAnalysis.analyse(LiquibaseSqlPlanner.plan(location, parsed, pending),
                SchemaCatalog.tables(connection));
    }

    /** Parses the changelog once; a long-running front end keeps it to compare with the database cheaply. */
    public ChangeLog changeLog(Connection connection) {
        return changeLog(parse(connection));
    }

    /** Parses the changelog for one run on this connection; the run hands the same parse to Liquibase. */
    ParsedChangeLog parse(Connection connection) {
        return LiquibaseChangeLogReader.parse(location, connection);
    }

    /** The same, telling the listener how much of the changelog had to be parsed. */
    ParsedChangeLog parse(Connection connection, MigrationListener listener) {
        long start = System.nanoTime();
        ParsedChangeLog parsed = parse(connection);
        listener.on(new MigrationEvent.ChangeLogRead(parsed.changeSetCount(), parsed.changeSetsFromRecords(),
                Duration.ofNanos(System.nanoTime() - start)));
        return parsed;
    }

    /** The run's changelog with every checksum, kept as the last parsed one. */
    ChangeLog changeLog(ParsedChangeLog parsed) {
        ChangeLog changeLog = parsed.changeLog();
        lastParsed = changeLog;
        return changeLog;
    }

    /**
     * The status before anything is applied: checksums are computed only for the changesets the database has
     * rows for, as only those can drift; update computes the others as it applies them. What it finds to run (or
     * to plan) was parsed, whatever the rows became since the parse.
     */
    static DatabaseStatus readStatusBeforeApplying(Connection connection, ParsedChangeLog parsed) throws SQLException {
        List<AppliedChangeSet> rows = TrackingTable.read(connection).orElse(null);
        return StatusComparison.compare(parsed.changeLogToCompareWith(rows), rows);
    }

    /** The changelog as the last {@link #changeLog} call here parsed it, so a service need not parse it again. */
    public Optional<ChangeLog> lastParsedChangeLog() {
        return Optional.ofNullable(lastParsed);
    }

    /** Compares an already parsed changelog with the database: one query, nothing written. */
    public static DatabaseStatus readStatus(Connection connection, ChangeLog changeLog) throws SQLException {
        return StatusComparison.compare(changeLog, TrackingTable.read(connection).orElse(null));
    }

    /** Waits for the migration lock on the run's connection; the caller closes it when the run ends. */
    HeldMigrationLock lock(ParsedChangeLog parsed, MigrationListener listener) {
        return migrator.lock(parsed, listener);
    }

    void initialiseTracking(HeldMigrationLock lock, MigrationListener listener) {
        migrator.initialiseTracking(lock, listener);
    }

    /**
     * Applies the pending changesets; each waits at most {@code MIGRATION_STATEMENT_LOCK_TIMEOUT} per attempt for a
     * table lock, and is tried again within {@code MIGRATION_LOCK_RETRY_BUDGET}. The advisory migration lock was
     * taken before, with its own timeout.
     */
    List<AppliedResult> applyOnly(Connection connection, HeldMigrationLock lock, List<PendingChangeSet> pending,
                                  MigrationListener listener) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("set lock_timeout = '" + settings.statementLockTimeout().toMillis() + "ms'");
        }
        LockRetryPolicy retries = new LockRetryPolicy(settings.statementLockTimeout(), settings.lockRetryBudget());
        try (LockWaitObserver observer = new LockWaitObserver(connector, connection, settings.statementLockTimeout())) {
            return migrator.migrate(lock, pending, listener, retries, observer);
        } finally {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * A query about the migration state that failed: the connection was lost (SQLSTATE class 08, or an I/O error), or
     * the database refused it (a missing privilege, a tracking table altered by hand), which says so with its SQLSTATE.
     */
    DatabaseUnreachableException queryFailed(SQLException e) {
        String state = e.getSQLState();
        String database = connector.url().masked() + ": " + connector.reason(e);
        if (state == null || state.startsWith("08")) {
            return new DatabaseUnreachableException("Lost the connection to " + database, null);
        }
        return new DatabaseUnreachableException("Could not read the migration state from " + database
                + " (SQLSTATE " + state + ")", null);
    }
}
