package dev.automigrate.core;

import static dev.automigrate.core.testing.PlainLiquibase.query;
import static dev.automigrate.core.testing.PlainLiquibase.rows;
import static dev.automigrate.core.testing.PlainLiquibase.tables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database migrated by plain Liquibase with the same search path is up to date here, and the reverse. */
class LiquibaseInteroperabilityTest {
    @TempDir
    Path resources;
    private DatabaseUrl url;
    private ChangeLogFolder changeLog;

    @BeforeEach
    void setUp() {
        url = PostgresFixture.newDatabase();
        changeLog = new ChangeLogFolder(resources)
                .sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key)");
    }

    private Migrations migrations() {
        return TestMigrations.of(url, resources);
    }

    private void plainLiquibaseUpdate() throws Exception {
        plainLiquibaseUpdate(url);
    }

    private void plainLiquibaseUpdate(DatabaseUrl url) throws Exception {
        PlainLiquibase.of(resources).update(url);
    }

    @Test
    void plainLiquibaseThenAutomigrate() throws Exception {
        plainLiquibaseUpdate();
        DatabaseStatus status = migrations().status().status();
        assertTrue(status.upToDate(), status.toString());
        assertEquals(2, status.appliedCount());
    }

    @Test
    void automigrateThenPlainLiquibaseAppliesNothing() throws Exception {
        migrations().migrate(MigrationListener.NONE);
        plainLiquibaseUpdate();
        assertEquals(2, migrations().history().size());
        assertTrue(migrations().status().status().upToDate());
    }

    /**
     * Rows written by a Liquibase before 4.22 carry version 8 checksums. Liquibase validates them at that version
     * and then upgrades them; so must a run here, although its status read the same changesets beforehand.
     */
    @Test
    void rowsWithAnOlderChecksumVersionAreValidatedAndUpgradedAsLiquibaseDoes() throws Exception {
        plainLiquibaseUpdate();
        Map<String, String> version8 = checksums(ChecksumVersion.V8);
        try (Connection connection = PostgresFixture.connect(url);
             PreparedStatement update = connection.prepareStatement("update databasechangelog set md5sum = ? where id = ?")) {
            for (Map.Entry<String, String> row : version8.entrySet()) {
                update.setString(1, row.getValue());
                update.setString(2, row.getKey());
                update.executeUpdate();
            }
        }
        assertEquals(List.of("8", "8"), query(url, "select left(md5sum, 1) from databasechangelog order by 1"));
        changeLog.sqlChangeSet("003-tasks", "bo", "create table tasks (id bigint primary key)");

        MigrationResult result = migrations().migrate(MigrationListener.NONE);
        assertEquals(List.of("003-tasks"), result.applied().stream().map(a -> a.changeSet().id()).toList());
        assertTrue(result.statusAfter().upToDate(), result.statusAfter().toString());
        assertEquals(List.of("9", "9", "9"), query(url, "select left(md5sum, 1) from databasechangelog order by 1"));
    }

    private Map<String, String> checksums(ChecksumVersion version) throws Exception {
        Map<String, String> checksums = new HashMap<>();
        Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(resources), () -> {
            ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
            DatabaseChangeLog parsed = ChangeLogParserFactory.getInstance().getParser(ChangeLogFolder.MASTER, accessor)
                    .parse(ChangeLogFolder.MASTER, new ChangeLogParameters(), accessor);
            for (ChangeSet changeSet : parsed.getChangeSets()) {
                checksums.put(changeSet.getId(), changeSet.generateCheckSum(version).toString());
            }
        });
        return checksums;
    }

    /**
     * Liquibase's semantics, as its own update applies them, on a changelog that uses them: a changelog
     * precondition, changes and changesets limited to other databases, a precondition marking a changeset
     * ran, contexts and labels, a changeset outside a transaction, an SQL file, and a runOnChange changeset
     * edited later. Both databases must end with the same rows and the same tables.
     */
    @Test
    void migrateRecordsWhatLiquibasesOwnUpdateRecords() throws Exception {
        ChangeLogFolder files = new ChangeLogFolder(resources);
        files.write("db/changelog/sql/007.sql", "create table from_file (id int);\n");
        files.write(ChangeLogFolder.MASTER, semanticsChangeLog("select name from crews"));
        DatabaseUrl plain = PostgresFixture.newDatabase();

        // seven go through Liquibase: 3-h2-only is not for PostgreSQL; 4-mark-ran is recorded without running
        assertEquals(7, migrations().migrate(MigrationListener.NONE).applied().size());
        plainLiquibaseUpdate(plain);
        assertEquals(rows(plain), rows(url));
        assertEquals(tables(plain), tables(url));
        assertTrue(tables(url).containsAll(List.of("agents", "crews", "from_file", "in_context")), tables(url).toString());
        assertFalse(tables(url).contains("never_here") || tables(url).contains("h2_only") || tables(url).contains("skipped"));

        files.write(ChangeLogFolder.MASTER, semanticsChangeLog("select name, id from crews"));
        assertEquals(1, migrations().migrate(MigrationListener.NONE).applied().size());
        plainLiquibaseUpdate(plain);
        assertEquals(rows(plain), rows(url));
        // the checksums here are Liquibase's: a database it migrated reads as up to date, without drift
        DatabaseStatus status = TestMigrations.of(plain, resources).status().status();
        assertTrue(status.upToDate(), status.toString());
    }

    private static String semanticsChangeLog(String viewQuery) {
        return """
                databaseChangeLog:
                  - preConditions:
                      - dbms:
                          type: postgresql
                  - changeSet:
                      id: 1-table
                      author: ana
                      changes:
                        - createTable:
                            tableName: crews
                            columns:
                              - column: {name: id, type: bigint, constraints: {primaryKey: true, nullable: false}}
                              - column: {name: name, type: varchar(100)}
                  - changeSet:
                      id: 2-postgres-only-change
                      author: ana
                      changes:
                        - sql:
                            dbms: postgresql
                            sql: create table agents (id bigint primary key)
                        - sql:
                            dbms: h2
                            sql: create table never_here (id int)
                  - changeSet:
                      id: 3-h2-only
                      author: ana
                      dbms: h2
                      changes:
                        - sql:
                            sql: create table h2_only (id int)
                  - changeSet:
                      id: 4-mark-ran
                      author: bo
                      preConditions:
                        - onFail: MARK_RAN
                        - tableExists:
                            tableName: no_such_table
                      changes:
                        - sql:
                            sql: create table skipped (id int)
                  - changeSet:
                      id: 5-context
                      author: bo
                      context: test
                      labels: nightly
                      changes:
                        - sql:
                            sql: create table in_context (id int)
                  - changeSet:
                      id: 6-concurrently
                      author: bo
                      runInTransaction: false
                      changes:
                        - sql:
                            sql: create index concurrently crews_name on crews (name)
                  - changeSet:
                      id: 7-file
                      author: cy
                      changes:
                        - sqlFile:
                            path: sql/007.sql
                            relativeToChangelogFile: true
                  - changeSet:
                      id: 8-view
                      author: cy
                      runOnChange: true
                      changes:
                        - createView:
                            viewName: crew_names
                            replaceIfExists: true
                            selectQuery: %s
                """.formatted(viewQuery);
    }
}
