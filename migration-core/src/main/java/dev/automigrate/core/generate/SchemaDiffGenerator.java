package dev.automigrate.core.generate;

import dev.automigrate.core.MigrationException;
import dev.automigrate.core.MigrationFailedException;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.ExpectedChangeSet;
import dev.automigrate.core.changelog.PendingChangeSet;
import dev.automigrate.core.check.Finding;
import dev.automigrate.core.check.SafetyAnalysis;
import dev.automigrate.core.database.DatabaseConnector;
import dev.automigrate.core.database.LockRetryPolicy;
import dev.automigrate.core.database.LockWaitObserver;
import dev.automigrate.core.liquibase.HeldMigrationLock;
import dev.automigrate.core.liquibase.LiquibaseChangeLogReader;
import dev.automigrate.core.liquibase.LiquibaseMigrator;
import dev.automigrate.core.liquibase.LiquibaseRollback;
import dev.automigrate.core.liquibase.LiquibaseSqlPlanner;
import dev.automigrate.core.liquibase.ParsedChangeLog;
import dev.automigrate.core.liquibase.diff.ChangeSetDraft;
import dev.automigrate.core.liquibase.diff.LiquibaseSchemaDiff;
import dev.automigrate.core.liquibase.diff.SchemaComparison;
import dev.automigrate.core.rollback.RollbackTarget;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.status.SchemaCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Writes the changeset that takes the changelog's schema to a desired one, as Alembic's autogenerate does from
 * models: the changelog is applied to an empty database and the desired schema loaded into another, on a throwaway
 * server; Liquibase's diff of the two becomes one changeset file, placed and included like any generated one.
 *
 * <p>Nothing is written until the changeset is proven on a copy of the changelog's schema: applied, it must leave
 * no difference Liquibase can see; its rollback (a diff back to the schema before it) must restore that schema, or
 * the file gets none. Changes that lose data ({@code dropTable}, {@code dropColumn}) are written only when drops
 * are allowed. What no Liquibase change expresses (functions, triggers, a changed enum type) is reported, from an
 * independent comparison of both catalogs.
 */
public final class SchemaDiffGenerator {
    private final Settings settings;
    private final ClassLoader classpath;
    private final Supplier<ScratchServer> servers;
    private final ChangeSetFileGenerator files;

    /**
     * @param settings  the changelog, its search path and the parameters migrate uses: the changelog is applied to
     *                  the scratch database exactly as migrate would apply it
     * @param classpath where else migrate looks for the changelog; may be null
     * @param servers   starts the server the comparison runs on, once the request is known to be valid; it is closed
     *                  after the run, and the databases the run created on it are dropped
     */
    public SchemaDiffGenerator(Settings settings, ClassLoader classpath, Supplier<ScratchServer> servers, Clock clock) {
        this.settings = settings;
        this.classpath = classpath;
        this.servers = servers;
        this.files = new ChangeSetFileGenerator(clock);
    }

    /**
     * @param allowDrops also write the changes that lose data; otherwise they are listed and left out
     * @throws dev.automigrate.core.UsageException       a bad description or master changelog, or a schema file
     *                                                   PostgreSQL rejects ({@code file:line: ERROR: …})
     * @throws GenerationFailedException                 the changelog or the generated changeset fails, or the
     *                                                   changeset leaves a difference behind
     * @throws dev.automigrate.core.DatabaseUnreachableException the development database does not answer
     */
    public SchemaDifference generate(String description, String author, SchemaSource desired, boolean allowDrops) {
        long start = System.nanoTime();
        NewChangeSetFile target = files.place(settings.searchPath(), settings.changeLog(), description, author);
        try (ScratchServer server = servers.get(); Run run = new Run(start, server, target, desired, allowDrops)) {
            return run.generate();
        } catch (SQLException e) {
            throw new GenerationFailedException("the scratch PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    /** One run: its databases on the scratch server, its trial folder, and what it found so far. */
    private final class Run implements AutoCloseable {
        private final long start;
        private final String runId = String.format("%08x", ThreadLocalRandom.current().nextInt());
        private final ScratchServer server;
        private final NewChangeSetFile target;
        private final SchemaSource desired;
        private final boolean allowDrops;
        private final List<String> databases = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Path trialFolder;
        /** The generated file alone, at the path it will have in the project, so it keeps its identity. */
        private final ChangeLogLocation trial;

        Run(long start, ScratchServer server, NewChangeSetFile target, SchemaSource desired, boolean allowDrops) {
            this.start = start;
            this.server = server;
            this.target = target;
            this.desired = desired;
            this.allowDrops = allowDrops;
            try {
                trialFolder = Files.createTempDirectory("automigrate-generate");
            } catch (IOException e) {
                throw new GenerationFailedException("cannot create a temporary folder: " + e.getMessage(), e);
            }
            trial = new ChangeLogLocation(target.path(), List.of(trialFolder), null);
        }

        SchemaDifference generate() throws SQLException {
            DatabaseUrl changeLogSchema = createDatabase("changelog");
            applyChangeLog(changeLogSchema);
            try (Connection desiredSchema = openDesired()) {
                SchemaComparison forward = compare(desiredSchema, changeLogSchema);
                List<SchemaChange> heldBack = allowDrops ? List.of() : forward.destructive();
                ChangeSetDraft draft = forward.draft(target.id(), target.author(), target.description(), allowDrops);
                if (draft.isEmpty()) {
                    return report(null, List.of(), heldBack, notGenerated(forward, desiredSchema, changeLogSchema,
                            heldBack), false, List.of());
                }
                DatabaseUrl before = copy(changeLogSchema, "before");
                apply(draft, changeLogSchema);
                SchemaComparison remaining = compare(desiredSchema, changeLogSchema);
                requireNothingElse(remaining, heldBack);
                List<String> notGenerated = notGenerated(remaining, desiredSchema, changeLogSchema, heldBack);
                ChangeSetDraft verified = withVerifiedRollback(draft, before, changeLogSchema);
                List<Finding> findings = findings(before);
                GeneratedChangeSet written = files.write(target, header(heldBack, notGenerated) + verified.yaml());
                return report(written, verified.changes(), heldBack, notGenerated, verified.hasRollback(), findings);
            }
        }

        /** The changelog as migrate applies it: same search path, parameters and changeset identities. */
        private void applyChangeLog(DatabaseUrl database) {
            try {
                new Migrations(settings.withDatabase(database), classpath).migrate(MigrationListener.NONE);
            } catch (MigrationFailedException e) {
                throw new GenerationFailedException("the changelog does not apply to an empty database, so there is "
                        + "no schema to compare with: " + e.getMessage(), e);
            }
        }

        private Connection openDesired() throws SQLException {
            if (desired instanceof SchemaSource.SchemaFile file) {
                Connection connection = connect(createDatabase("schema"));
                try {
                    SchemaFileLoader.load(file.file(), connection);
                    return connection;
                } catch (SQLException | RuntimeException e) {
                    connection.close();
                    throw e;
                }
            }
            DatabaseUrl url = ((SchemaSource.DevelopmentDatabase) desired).url();
            Connection connection = new DatabaseConnector(url, settings.connectTimeout()).connectOnce();
            try (Statement statement = connection.createStatement()) {
                // the diff only reads; this makes sure of it
                statement.execute("set session characteristics as transaction read only");
                int theirs = connection.getMetaData().getDatabaseMajorVersion();
                int ours = majorVersion(server.database("postgres"));
                if (theirs != ours) {
                    warnings.add(url.masked() + " runs PostgreSQL " + theirs + ", the scratch server " + ours
                            + ": view definitions and defaults may read differently and show as changes");
                }
                return connection;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        private SchemaComparison compare(Connection desiredSchema, DatabaseUrl actual) throws SQLException {
            try (Connection connection = connect(actual)) {
                return LiquibaseSchemaDiff.compare(desiredSchema, connection);
            }
        }

        private SchemaComparison compare(DatabaseUrl desiredSchema, DatabaseUrl actual) throws SQLException {
            try (Connection connection = connect(desiredSchema)) {
                return compare(connection, actual);
            }
        }

        /** Applies the draft as migrate would apply the file; on failure nothing is written. */
        private void apply(ChangeSetDraft draft, DatabaseUrl database) throws SQLException {
            writeTrial(draft);
            try (Connection connection = connect(database)) {
                ParsedChangeLog parsed = LiquibaseChangeLogReader.parse(trial, connection);
                LiquibaseMigrator migrator = new LiquibaseMigrator(trial, settings.lockTimeout());
                // a scratch database nobody else uses: no table lock to wait for, so no retries
                try (HeldMigrationLock lock = migrator.lock(parsed, MigrationListener.NONE);
                     LockWaitObserver observer = new LockWaitObserver(new DatabaseConnector(database,
                             settings.connectTimeout()), connection, settings.statementLockTimeout())) {
                    migrator.migrate(lock, pending(parsed), MigrationListener.NONE,
                            new LockRetryPolicy(settings.statementLockTimeout(), Duration.ZERO), observer);
                }
            } catch (MigrationFailedException e) {
                throw new GenerationFailedException("the generated changeset fails on the changelog's schema, so "
                        + "nothing was written: " + e.databaseError() + ". Changes: " + draft.changes(), e);
            }
        }

        /** After the draft, only the held back changes may still differ: anything else it failed to express. */
        private void requireNothingElse(SchemaComparison remaining, List<SchemaChange> heldBack) {
            List<SchemaChange> left = remaining.changes().stream().filter(change -> !heldBack.contains(change))
                    .toList();
            if (!left.isEmpty()) {
                throw new GenerationFailedException("the generated changeset leaves differences that Liquibase "
                        + "cannot write correctly, so nothing was written; write these by hand (generate without a "
                        + "schema creates an empty changeset): " + left
                        + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")"), null);
            }
        }

        /**
         * The catalog's view of what still differs, with what the held back drops account for left out, and what
         * the diff itself could not write.
         */
        private List<String> notGenerated(SchemaComparison comparison, Connection desiredSchema, DatabaseUrl actual,
                                          List<SchemaChange> heldBack) throws SQLException {
            List<String> lines = new ArrayList<>(comparison.notGenerated());
            try (Connection connection = connect(actual)) {
                List<String> differences = CatalogFacts.differences(desiredSchema, connection, heldBackFacts(heldBack));
                for (String difference : differences) {
                    lines.add((difference.startsWith("+") ? "only in " + desired.describe() + ": "
                            : "only in the changelog: ") + difference.substring(2));
                }
                if (differences.stream().anyMatch(d -> d.contains(" default nextval("))) {
                    warnings.add("Liquibase writes a serial column as an identity column (GENERATED BY DEFAULT AS "
                            + "IDENTITY), which inserts alike; write it so in the schema too, e.g. "
                            + "id bigint generated by default as identity primary key");
                }
            }
            return lines;
        }

        /** The facts a held back drop accounts for: its table's, or its column's ({@code table.column} targets). */
        private static Predicate<CatalogFacts.Fact> heldBackFacts(List<SchemaChange> heldBack) {
            List<Predicate<CatalogFacts.Fact>> dropped = new ArrayList<>();
            for (SchemaChange change : heldBack) {
                for (String object : change.target().split(", ")) {
                    int dot = object.indexOf('.');
                    if (dot < 0) {
                        dropped.add(fact -> object.equals(fact.relation()));
                    } else {
                        String table = object.substring(0, dot);
                        String column = object.substring(dot + 1);
                        dropped.add(fact -> table.equals(fact.relation()) && column.equals(fact.column()));
                    }
                }
            }
            return fact -> dropped.stream().anyMatch(test -> test.test(fact));
        }

        /**
         * The draft with the reverse diff as its rollback, once it is shown to restore the schema before it; the
         * draft as it was, with a warning, otherwise.
         */
        private ChangeSetDraft withVerifiedRollback(ChangeSetDraft draft, DatabaseUrl before, DatabaseUrl after)
                throws SQLException {
            ChangeSetDraft withRollback = draft.withRollback(compare(before, after));
            writeTrial(withRollback);
            String failure;
            try (Connection connection = connect(after)) {
                new LiquibaseRollback(trial, settings.lockTimeout())
                        .rollback(connection, new RollbackTarget.Count(1), MigrationListener.NONE);
                failure = null;
            } catch (MigrationException e) {
                failure = e.getMessage();
            }
            if (failure == null) {
                // the catalog sees all that Liquibase's diff sees, and more
                try (Connection original = connect(before); Connection rolledBack = connect(after)) {
                    List<String> left = CatalogFacts.differences(original, rolledBack, fact -> false);
                    failure = left.isEmpty() ? null : "it leaves " + left;
                }
            }
            if (failure == null) {
                return withRollback;
            }
            warnings.add("the changeset has no rollback: the one computed for it does not restore the schema before "
                    + "it (" + failure + "); write one if you need it");
            return draft;
        }

        /** The pre-deploy rules on the SQL the changeset will run, on the schema as it is before it. */
        private List<Finding> findings(DatabaseUrl before) throws SQLException {
            try (Connection connection = connect(before)) {
                ParsedChangeLog parsed = LiquibaseChangeLogReader.parse(trial, connection);
                return SafetyAnalysis.analyse(LiquibaseSqlPlanner.plan(trial, parsed, pending(parsed)),
                        SchemaCatalog.tables(connection));
            }
        }

        private static List<PendingChangeSet> pending(ParsedChangeLog parsed) {
            return parsed.changeLog().changeSets().stream().map(ExpectedChangeSet::toPending).toList();
        }

        private String header(List<SchemaChange> heldBack, List<String> notGenerated) {
            StringBuilder header = new StringBuilder("# ").append(target.description()).append('\n')
                    .append("# Generated from ").append(desired.describe())
                    .append(" by automigrate: review it before you commit it. Once applied, never edit it.\n");
            for (SchemaChange change : heldBack) {
                header.append("# Left out, as it loses data (allow drops to write it): ").append(change).append('\n');
            }
            for (String line : notGenerated) {
                header.append("# Not generated: ").append(line.replaceAll("\\R", " ")).append('\n');
            }
            return header.toString();
        }

        private void writeTrial(ChangeSetDraft draft) {
            try {
                Path file = trialFolder.resolve(target.path());
                Files.createDirectories(file.getParent());
                Files.writeString(file, draft.yaml(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new GenerationFailedException("cannot write to a temporary folder: " + e.getMessage(), e);
            }
        }

        private SchemaDifference report(GeneratedChangeSet written, List<SchemaChange> changes,
                                        List<SchemaChange> heldBack, List<String> notGenerated, boolean rollback,
                                        List<Finding> findings) {
            return new SchemaDifference(desired, server.describe(), written, changes, heldBack, notGenerated, warnings,
                    rollback, findings, Duration.ofNanos(System.nanoTime() - start));
        }

        private DatabaseUrl createDatabase(String role) throws SQLException {
            String name = ScratchServer.DATABASE_PREFIX + role + "_" + runId;
            administer("create database " + name);
            databases.add(name);
            return server.database(name);
        }

        /** A copy of a database as it is now; nobody may be connected to it meanwhile. */
        private DatabaseUrl copy(DatabaseUrl source, String role) throws SQLException {
            String name = ScratchServer.DATABASE_PREFIX + role + "_" + runId;
            administer("create database " + name + " template " + source.database());
            databases.add(name);
            return server.database(name);
        }

        private void administer(String sql) throws SQLException {
            try (Connection connection = connect(server.database("postgres"));
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        private static int majorVersion(DatabaseUrl url) throws SQLException {
            try (Connection connection = connect(url)) {
                return connection.getMetaData().getDatabaseMajorVersion();
            }
        }

        private static Connection connect(DatabaseUrl url) {
            return new DatabaseConnector(url, Duration.ofSeconds(10)).connectOnce();
        }

        @Override
        public void close() {
            for (String database : databases) {
                try {
                    administer("drop database if exists " + database + " with (force)");
                } catch (SQLException | MigrationException e) {
                    // the scratch server drops what a run left behind when it starts next
                }
            }
            try (Stream<Path> paths = Files.walk(trialFolder)) {
                for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // a temporary folder; the system cleans it
            }
        }
    }
}
