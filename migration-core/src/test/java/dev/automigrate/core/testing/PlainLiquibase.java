package dev.automigrate.core.testing;

import dev.automigrate.core.settings.DatabaseUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.command.core.ChangelogSyncCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * The oracle: plain Liquibase 4.33 through its own commands, as a user runs {@code liquibase update --contexts …
 * --label-filter … -Dname=value}, on a database and a changelog folder; plus what to compare afterwards.
 *
 * @param contexts   {@code --contexts}, or null
 * @param labels     {@code --label-filter}, or null
 * @param parameters changelog parameters given on the command line
 */
public record PlainLiquibase(Path searchPath, String changeLog, String contexts, String labels,
                             Map<String, String> parameters) {

    public static PlainLiquibase of(Path searchPath) {
        return new PlainLiquibase(searchPath, ChangeLogFolder.MASTER, null, null, Map.of());
    }

    public PlainLiquibase withContexts(String contexts) {
        return new PlainLiquibase(searchPath, changeLog, contexts, labels, parameters);
    }

    public PlainLiquibase withLabels(String labels) {
        return new PlainLiquibase(searchPath, changeLog, contexts, labels, parameters);
    }

    public PlainLiquibase withParameters(Map<String, String> parameters) {
        return new PlainLiquibase(searchPath, changeLog, contexts, labels, parameters);
    }

    /** {@code liquibase update}. */
    public void update(DatabaseUrl url) throws Exception {
        run(url, UpdateCommandStep.COMMAND_NAME);
    }

    /** {@code liquibase changelog-sync}: every changeset recorded as applied without running it. */
    public void changelogSync(DatabaseUrl url) throws Exception {
        run(url, ChangelogSyncCommandStep.COMMAND_NAME);
    }

    private void run(DatabaseUrl url, String[] command) throws Exception {
        // as a fresh `liquibase` process: Liquibase remembers, per JVM, every database it once found up to date
        Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
        try (Connection connection = PostgresFixture.connect(url)) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            ChangeLogParameters changeLogParameters = new ChangeLogParameters(database);
            parameters.forEach(changeLogParameters::set);
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(searchPath), () -> {
                CommandScope scope = new CommandScope(command)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changeLog)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, changeLogParameters);
                if (contexts != null) {
                    scope.addArgumentValue(DatabaseChangelogCommandStep.CONTEXTS_ARG, contexts);
                }
                if (labels != null) {
                    scope.addArgumentValue(DatabaseChangelogCommandStep.LABEL_FILTER_ARG, labels);
                }
                scope.execute();
            });
        }
    }

    /** What Liquibase recorded, in order, without what differs by run (time, deployment). */
    public static List<String> rows(DatabaseUrl url) throws SQLException {
        return query(url, "select concat_ws(' | ', id, author, filename, orderexecuted, exectype, md5sum, description, "
                + "comments, tag, contexts, labels, liquibase) from databasechangelog order by orderexecuted, id");
    }

    /** The tables of the schema, without the tracking tables' helpers. */
    public static List<String> tables(DatabaseUrl url) throws SQLException {
        return query(url, "select table_name from information_schema.tables where table_schema = 'public' "
                + "and table_name not in ('databasechangeloglock', 'automigrate_fingerprint', "
                + "'automigrate_changelog_records') order by 1");
    }

    /** Each row of the query's first column as text. */
    public static List<String> query(DatabaseUrl url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
