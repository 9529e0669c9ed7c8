package dev.automigrate.core.liquibase;

import dev.automigrate.core.MigrationException;
import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ChangeLogDigest;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.ExpectedChangeSet;
import dev.automigrate.core.liquibase.incremental.ChangeSetSources;
import dev.automigrate.core.liquibase.incremental.IncrementalParse;
import dev.automigrate.core.liquibase.incremental.PreviousRun;
import dev.automigrate.core.liquibase.parse.ParseFailureLocator;
import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.SettingsException;
import dev.automigrate.core.status.ChangeLogRecords;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ChangeLogParseException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.parser.core.xml.XMLChangeLogSAXParser;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/** Parses the master changelog with Liquibase and turns it into this project's records at once. */
public final class LiquibaseChangeLogReader {
    private LiquibaseChangeLogReader() {
    }

    /**
     * Reads every changeset that applies to PostgreSQL, with the checksum Liquibase would record.
     *
     * @param connection used only to expand database-specific changelog parameters; may be null
     */
    public static ChangeLog read(ChangeLogLocation location, Connection connection) {
        return parse(location, connection).changeLog();
    }

    /**
     * Parses the changelog once for a run on this connection; the result also carries Liquibase's model, so
     * update and the SQL plan need not parse it again.
     *
     * @param connection the run's connection, wrapped once for Liquibase; may be null (then nothing can be applied)
     */
    public static ParsedChangeLog parse(ChangeLogLocation location, Connection connection) {
        try {
            return LiquibaseScope.run(location, () -> {
                Database database = connection == null ? new PostgresDatabase() : Databases.wrapKeepingCommitMode(connection);
                PreviousRun previous = connection == null ? null
                        : PreviousRun.read(new ChangeLogRecords(location), connection, database);
                return new ParsedChangeLog(location, database, parse(location, database, previous));
            });
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new SettingsException(Setting.MIGRATION_CHANGELOG, location.changeLog(),
                    "cannot be read: " + LiquibaseErrors.describe(e));
        }
    }

    /**
     * Parses in proportion to what changed since the previous run recorded the files (null: nothing recorded, no
     * database to record in): every changeset the records stand in for must, under its final identity, have its row
     * with exactly its checksum, or the changelog is parsed in full.
     */
    private static ParsedChangeLog.Parse parse(ChangeLogLocation location, Database database, PreviousRun previous)
            throws Exception {
        IncrementalParse incremental = previous == null ? null : IncrementalParse.reusing(previous);
        UnresolvedParameters parameters = parameters(location, database);
        DatabaseChangeLog changeLog = parseChangeLog(location, parameters, incremental);
        if (incremental != null && incremental.unmatched(changeLog.getChangeSets(), previous.checksums()) != null) {
            return parseInFull(location, database, previous);
        }
        return parsed(location, changeLog, parameters, incremental);
    }

    /** The whole changelog parsed again, for a run whose records no longer hold (see {@link ParsedChangeLog}). */
    static ParsedChangeLog.Parse parseAgainInFull(ChangeLogLocation location, Database database, PreviousRun previous) {
        try {
            return LiquibaseScope.run(location, () -> parseInFull(location, database, previous));
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new SettingsException(Setting.MIGRATION_CHANGELOG, location.changeLog(),
                    "cannot be read: " + LiquibaseErrors.describe(e));
        }
    }

    /** The whole changelog parsed by Liquibase, noting what each file yields for the next run's records. */
    private static ParsedChangeLog.Parse parseInFull(ChangeLogLocation location, Database database,
                                                     PreviousRun previous) throws Exception {
        IncrementalParse noting = previous == null ? null : IncrementalParse.noting(previous);
        UnresolvedParameters parameters = parameters(location, database);
        return parsed(location, parseChangeLog(location, parameters, noting), parameters, noting);
    }

    private static ParsedChangeLog.Parse parsed(ChangeLogLocation location, DatabaseChangeLog changeLog,
                                                UnresolvedParameters parameters, IncrementalParse incremental)
            throws Exception {
        List<String> directories = sourceDirectories(location, changeLog);
        return new ParsedChangeLog.Parse(changeLog, parameters, forPostgres(location, changeLog), directories,
                ChangeLogDigest.of(directories).orElse(null), incremental);
    }

    /** The changesets that apply to PostgreSQL, in order; each identity once. */
    private static List<ChangeSet> forPostgres(ChangeLogLocation location, DatabaseChangeLog changeLog) {
        ChangeSetFilters filters = new ChangeSetFilters(location.filter());
        List<ChangeSet> changeSets = new ArrayList<>();
        Set<String> identities = new HashSet<>();
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            if (!DatabaseList.definitionMatches(changeSet.getDbmsSet(), "postgresql", true)) {
                continue;
            }
            // Liquibase refuses it when it is about to run; a changeset filtered out or ignored never is
            if ((changeSet.getId() == null || changeSet.getId().isBlank()) && filters.selects(changeSet)) {
                throw new SettingsException(Setting.MIGRATION_CHANGELOG, location.changeLog(), "cannot be read: "
                        + ParseFailureLocator.withoutId(changeSet, Scope.getCurrentScope().getResourceAccessor())
                        .getMessage());
            }
            String identity = ParsedChangeLog.identity(changeSet);
            if (!identities.add(identity)) {
                throw new SettingsException(Setting.MIGRATION_CHANGELOG, location.changeLog(),
                        "defines changeset " + identity + " more than once: give each changeset a unique id");
            }
            changeSets.add(changeSet);
        }
        return changeSets;
    }

    /**
     * This project's record of a parsed changelog, with the checksum Liquibase records for each changeset that
     * {@code withChecksum} accepts (null for the others). Computed with the database in Liquibase's scope, as its
     * own iterators do: a change limited to some databases (dbms:) counts only on those. Liquibase keeps each
     * checksum in its changeset, so asking again, or after update computed it, costs little.
     */
    static ChangeLog record(ParsedChangeLog parsed, Predicate<ChangeSet> withChecksum) {
        return withDatabase(parsed, () -> {
            List<ExpectedChangeSet> changeSets = new ArrayList<>();
            ChangeSetFilters filters = new ChangeSetFilters(parsed.location().filter());
            for (ChangeSet changeSet : parsed.changeSets()) {
                changeSets.add(toRecord(changeSet, withChecksum.test(changeSet), filters.selects(changeSet)));
            }
            return new ChangeLog(parsed.location().changeLog(), changeSets, parsed.sourceDirectories(),
                    parsed.digest());
        });
    }

    /**
     * A record made for a comparison, completed with the checksums it was made without: the rest of it (the filters'
     * verdicts above all) is the same for the whole run, and computing it again for each changeset of a long history
     * costs more than the few checksums missing.
     */
    static ChangeLog withEveryChecksum(ParsedChangeLog parsed, ChangeLog partial) {
        return withDatabase(parsed, () -> {
            List<ChangeSet> parsedChangeSets = parsed.changeSets();
            List<ExpectedChangeSet> changeSets = new ArrayList<>(partial.changeSets());
            for (int i = 0; i < changeSets.size(); i++) {
                if (changeSets.get(i).checksum() == null) {
                    changeSets.set(i, changeSets.get(i).withChecksum(
                            parsedChangeSets.get(i).generateCheckSum(ChecksumVersion.latest()).toString()));
                }
            }
            return new ChangeLog(partial.path(), changeSets, partial.sourceDirectories(), partial.digest());
        });
    }

    /** Runs work on the parsed changelog with its database in Liquibase's scope, as Liquibase's own iterators do. */
    private static ChangeLog withDatabase(ParsedChangeLog parsed, LiquibaseScope.Work<ChangeLog> work) {
        try {
            return LiquibaseScope.run(parsed.location(), Map.of(Scope.Attr.database.name(), parsed.database()), work);
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new SettingsException(Setting.MIGRATION_CHANGELOG, parsed.location().changeLog(),
                    "cannot be read: " + LiquibaseErrors.describe(e));
        }
    }

    /**
     * The parameters Liquibase's update would parse with: the run's own first, as Liquibase's command-line parameters
     * (the first value set for a name wins, so they beat a changelog {@code property}), then Java properties and a
     * defaults file's parameter.*; the contexts and labels too, as they select which properties apply.
     */
    private static UnresolvedParameters parameters(ChangeLogLocation location, Database database) {
        UnresolvedParameters parameters = new UnresolvedParameters(database);
        location.parameters().values().forEach(parameters::set);
        parameters.setContexts(ChangeSetFilters.contexts(location.filter()));
        parameters.setLabels(ChangeSetFilters.labels(location.filter()));
        parameters.addJavaProperties();
        parameters.addDefaultFileProperties();
        return parameters;
    }

    /** The folders (file: or jar: URIs) that hold the master, every included changelog and every SQL file. */
    private static List<String> sourceDirectories(ChangeLogLocation location, DatabaseChangeLog changeLog)
            throws Exception {
        Set<String> paths = new TreeSet<>();
        paths.add(location.changeLog());
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            for (DatabaseChangeLog file = changeSet.getChangeLog(); file != null; file = file.getParentChangeLog()) {
                paths.add(file.getPhysicalFilePath());
            }
            paths.addAll(ChangeSetSources.sqlFiles(changeSet));
        }
        ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
        Set<String> directories = new TreeSet<>();
        for (String path : paths) {
            Resource resource = accessor.get(path);
            if (resource != null && resource.exists()) {
                String uri = resource.getUri().toString();
                directories.add(uri.substring(0, uri.lastIndexOf('/') + 1));
            }
        }
        return List.copyOf(directories);
    }

    /**
     * Liquibase's own model of the whole changelog, every changeset parsed, for the few operations that need it (a
     * rollback); call inside a Liquibase scope.
     */
    static DatabaseChangeLog parseChangeLog(ChangeLogLocation location, Database database) throws Exception {
        return parseChangeLog(location, parameters(location, database), null);
    }

    /** @param incremental the parse the includes take part in, or null for Liquibase's parse of every file */
    private static DatabaseChangeLog parseChangeLog(ChangeLogLocation location, ChangeLogParameters parameters,
                                                    IncrementalParse incremental) throws Exception {
        return incremental == null ? parseChangeLog(location, parameters)
                : incremental.run(location.changeLog(), () -> parseChangeLog(location, parameters));
    }

    private static DatabaseChangeLog parseChangeLog(ChangeLogLocation location, ChangeLogParameters parameters)
            throws Exception {
        ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
        Resource resource = accessor.get(location.changeLog());
        if (resource == null || !resource.exists()) {
            throw new SettingsException(Setting.MIGRATION_CHANGELOG, location.changeLog(),
                    "not found in " + (location.describe().isEmpty() ? "an empty search path" : location.describe()));
        }
        ChangeLogParser parser;
        try {
            parser = ChangeLogParserFactory.getInstance().getParser(location.changeLog(), accessor);
        } catch (Exception e) {
            throw new SettingsException(Setting.MIGRATION_CHANGELOG, location.changeLog(),
                    "is not in a format Liquibase reads (YAML, XML, JSON or formatted SQL)");
        }
        if (parser instanceof XMLChangeLogSAXParser xml) {
            xml.setShouldWarnOnMismatchedXsdVersion(false); // as Liquibase's update parses
        }
        try {
            return parser.parse(location.changeLog(), parameters, accessor);
        } catch (ChangeLogParseException e) {
            throw new SettingsException(Setting.MIGRATION_CHANGELOG, location.changeLog(),
                    "cannot be read: " + ParseFailureLocator.locate(location.changeLog(), e, accessor).getMessage());
        }
    }

    private static ExpectedChangeSet toRecord(ChangeSet changeSet, boolean withChecksum, boolean selected) {
        Set<String> valid = changeSet.getValidCheckSums() == null ? Set.of()
                : changeSet.getValidCheckSums().stream().map(CheckSum::toString).collect(Collectors.toSet());
        return new ExpectedChangeSet(
                changeSet.getId(),
                changeSet.getAuthor(),
                changeSet.getFilePath(),
                changeSet.getDescription(),
                withChecksum ? changeSet.generateCheckSum(ChecksumVersion.latest()).toString() : null,
                valid,
                changeSet.isRunOnChange(),
                changeSet.isAlwaysRun(),
                changeSet.isRunInTransaction(),
                selected);
    }
}
