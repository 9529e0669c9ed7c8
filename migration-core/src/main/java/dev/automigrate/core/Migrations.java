package dev.automigrate.core;

import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.check.CheckReport;
import dev.automigrate.core.check.Finding;
import dev.automigrate.core.check.PlannedChangeSet;
import dev.automigrate.core.check.Rehearsal;
import dev.automigrate.core.check.RehearsalReport;
import dev.automigrate.core.check.SafetyAnalysis;
import dev.automigrate.core.database.ConnectionInfo;
import dev.automigrate.core.database.DatabaseConnector;
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
            return new StatusReport(info, status, SchemaCatalog.invalidIndexes(connection));
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
                return CheckReport.of(new StatusReport(info, upToDate.get(), SchemaCatalog.invalidIndexes(connection)),
                        allowPending, List.of(), List.of(), rehearse ? RehearsalReport.nothingPending() : null);
            }
            ParsedChangeLog parsed = parse(connection);
            DatabaseStatus status = readStatus(connection, changeLog(parsed));
            List<PlannedChangeSet> plan = LiquibaseSqlPlanner.plan(location, parsed, status.pending());
            List<Finding> findings = SafetyAnalysis.analyse(plan, SchemaCatalog.tables(connection));
            StatusReport statusReport = new StatusReport(info, status, SchemaCatalog.invalidIndexes(connection));
            RehearsalReport rehearsal = !rehearse ? null
                    : status.hasDrift() ? RehearsalReport.notRun("drift")
                    : status.pending().isEmpty() ? RehearsalReport.nothingPending()
                    : rehearse(connection, parsed, listener);
            return CheckReport.of(statusReport, allowPending, plan, findings, rehearsal);
        } catch (DatabaseUnreachableException e) {
            return CheckReport.unreachable(e.getMessage());
        } catch (SQLException e) {
            return CheckReport.unreachable(queryFailed(e).getMessage());
        }
    }

    /** The rehearsal of what migrate would apply now: read again under the lock, as migrate reads it. */
    private RehearsalReport rehearse(Connection connection, ParsedChangeLog parsed, MigrationListener listener)
            throws SQLException {
        try (HeldMigrationLock lock = lock(parsed, listener)) {
            DatabaseStatus status = readStatusBeforeApplying(connection, parsed);
            if (status.hasDrift()) {
                return RehearsalReport.notRun("drift");
            }
            List<PlannedChangeSet> plan = LiquibaseSqlPlanner.plan(location, parsed, status.pending());
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
            if (upToDate.isPresent()) {
                return new MigrationResult(List.of(), Duration.ofNanos(System.nanoTime() - start), upToDate.get());
            }
            ParsedChangeLog parsed = parse(connection);
            try (HeldMigrationLock lock = lock(parsed, listener)) {
                DatabaseStatus before = readStatusBeforeApplying(connection, parsed);
                if (before.hasDrift()) {
                    throw new DriftException(before.drift());
                }
                List<AppliedResult> applied = List.of();
                if (!before.pending().isEmpty()) {
                    initialiseTracking(lock, listener);
                    applied = applyOnly(connection, lock, before.pending(), listener);
                }
                ChangeLog changeLog = changeLog(parsed);
                DatabaseStatus after = before.pending().isEmpty() ? before : readStatus(connection, changeLog);
                if (after.upToDate()) {
                    fingerprint.tryRecord(connection, changeLog);
                }
                return new MigrationResult(applied, Duration.ofNanos(System.nanoTime() - start), after);
            }
        } catch (SQLException e) {
            throw queryFailed(e);
        }
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

    /** The run's changelog with every checksum, kept as the last parsed one. */
    ChangeLog changeLog(ParsedChangeLog parsed) {
        ChangeLog changeLog = parsed.changeLog();
        lastParsed = changeLog;
        return changeLog;
    }

    /**
     * The status before anything is applied: checksums are computed only for the changesets the database has
     * rows for, as only those can drift; update computes the others as it applies them.
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

    List<AppliedResult> applyOnly(Connection connection, HeldMigrationLock lock, List<PendingChangeSet> pending,
                                  MigrationListener listener) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("set lock_timeout = '" + settings.statementLockTimeout().toMillis() + "ms'");
        }
        try {
            return migrator.migrate(lock, pending, listener);
        } finally {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        }
    }

    DatabaseUnreachableException queryFailed(SQLException e) {
        return new DatabaseUnreachableException("Lost the connection to " + connector.url().masked() + ": "
                + connector.reason(e), null);
    }
}
