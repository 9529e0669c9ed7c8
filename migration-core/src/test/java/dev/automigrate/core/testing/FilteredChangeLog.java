package dev.automigrate.core.testing;

import dev.automigrate.core.settings.DatabaseUrl;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A changelog that uses Liquibase's everyday features, the settings of a production run of it, and what to compare
 * after plain Liquibase and automigrate ran it on their own databases: for the core's, the plugin's, the command
 * line's and the service's interoperability tests alike.
 */
public final class FilteredChangeLog {
    /** Contexts, labels, parameters, properties and a runAlways changeset, in one master. */
    public static final String YAML = """
            databaseChangeLog:
              - property:
                  name: deploy_note
                  value: from-the-changelog
              - property:
                  name: team
                  value: platform
              - changeSet:
                  id: 1-crews
                  author: ana
                  changes:
                    - createTable:
                        tableName: crews
                        columns:
                          - column: {name: id, type: int, constraints: {primaryKey: true}}
                          - column: {name: name, type: varchar(100)}
              - changeSet:
                  id: 2-fake-data
                  author: ana
                  context: dev
                  changes:
                    - insert: {tableName: crews, columns: [{column: {name: id, value: 1}}, {column: {name: name, value: fake}}]}
              - changeSet:
                  id: 3-billing
                  author: ana
                  labels: billing
                  changes:
                    - sql: create table invoices (id int)
              - changeSet:
                  id: 4-prod-seed
                  author: ana
                  context: prod
                  labels: core
                  changes:
                    - insert: {tableName: crews, columns: [{column: {name: id, value: 2}}, {column: {name: name, value: seed}}]}
              - changeSet:
                  id: 5-notes
                  author: bo
                  changes:
                    - createTable:
                        tableName: notes
                        columns:
                          - column: {name: note, type: varchar(100)}
                    - insert: {tableName: notes, columns: [{column: {name: note, value: "${deploy_note}"}}]}
                    - insert: {tableName: notes, columns: [{column: {name: note, value: "team ${team}"}}]}
                    - sql: create table runs (n int); insert into runs values (0)
              - changeSet:
                  id: 6-count-runs
                  author: bo
                  runAlways: true
                  changes:
                    - sql: update runs set n = n + 1
              - changeSet:
                  id: 7-slow-dev
                  author: bo
                  context: dev and slow
                  changes:
                    - sql: create table slow_dev (id int)
            """;

    /** Production: {@code --contexts prod --label-filter '!billing' -Ddeploy_note=v1.4}, as environment variables. */
    public static final Map<String, String> PROD_SETTINGS = Map.of(
            "MIGRATION_CONTEXTS", "prod", "MIGRATION_LABELS", "!billing", "MIGRATION_PARAMETERS", "deploy_note=v1.4");
    public static final Map<String, String> PROD_PARAMETERS = Map.of("deploy_note", "v1.4");

    private FilteredChangeLog() {
    }

    /** Writes it as the master changelog of {@code searchPath}. */
    public static void write(Path searchPath) {
        new ChangeLogFolder(searchPath).write(ChangeLogFolder.MASTER, YAML);
    }

    /** Plain Liquibase with the production settings. */
    public static PlainLiquibase prodLiquibase(Path searchPath) {
        return PlainLiquibase.of(searchPath).withContexts("prod").withLabels("!billing").withParameters(PROD_PARAMETERS);
    }

    /** The tables and the rows the changesets write. */
    public static List<String> data(DatabaseUrl url) throws SQLException {
        List<String> data = new ArrayList<>(PlainLiquibase.tables(url));
        data.addAll(PlainLiquibase.query(url, "select id || ':' || name from crews order by id"));
        data.addAll(PlainLiquibase.query(url, "select note from notes order by note"));
        data.addAll(PlainLiquibase.query(url, "select 'runs ' || n from runs"));
        return data;
    }
}
