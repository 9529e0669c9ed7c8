package dev.automigrate.core.liquibase.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.liquibase.LiquibaseChangeLogReader;
import dev.automigrate.core.rollback.RollbackTarget;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.SettingsException;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A changelog file that cannot be read is named in one line with the line (and column) where the problem is and
 * the cause in plain words, whether it is the master or a file the master includes; real Liquibase parses, no
 * database.
 */
class ChangeLogParseErrorsTest {
    private static final String XML_HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            """;

    @TempDir
    Path resources;

    /**
     * One broken file: its name, its text, where the problem is (column 0: not asserted) and words the cause must
     * contain.
     */
    record Broken(String name, String text, int line, int column, String cause) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Broken> brokenFiles() {
        return List.of(
                new Broken("004-budget.yaml", """
                        databaseChangeLog:
                          - changeSet:
                              id: 004
                              author: ana
                              changes:
                                - createTable:
                                    tableName: budget
                                    columns:
                                      - column: {name: id, type: bigint}
                                      - column: {name: amount, type: numeric(12,2)}
                        """, 10, 46, "the unquoted value numeric(12,2) is cut at its comma (in a {...} mapping a"
                        + " comma ends a value, so Liquibase read an unexpected '2)'): quote it: type: \"numeric(12,2)\""),
                new Broken("indented.yaml", """
                        databaseChangeLog:
                          - changeSet:
                              id: 001
                              author: ana
                             changes:
                                - sql: select 1
                        """, 5, 6, "not indented as the lines above it"),
                new Broken("tab.yaml", "databaseChangeLog:\n  - changeSet:\n\t  id: 001\n", 3, 1,
                        "a tab character: indent YAML with spaces"),
                new Broken("unclosed.yaml", """
                        databaseChangeLog:
                          - changeSet:
                              id: 001
                              author: ana
                              changes:
                                - sql:
                                    sql: "select 1
                        """, 7, 18, "a quoted value is never closed"),
                new Broken("typo.yaml", """
                        databaseChangeLog:
                          - changeSet:
                              id: 001
                              author: ana
                              changes:
                                - createTable:
                                    tableName: crews
                                    columns:
                                      - column:
                                          name: id
                                          typ: bigint
                        """, 11, 19, "unexpected attribute 'typ'"),
                new Broken("unknown-change.yaml", """
                        databaseChangeLog:
                          - changeSet:
                              id: 001
                              author: ana
                              changes:
                                - createTabel:
                                    tableName: crews
                        """, 6, 11, "Unknown change type 'createTabel'"),
                new Broken("no-id.yaml", """
                        databaseChangeLog:
                          - changeSet:
                              id: 001
                              author: ana
                              changes:
                                - sql: select 1
                          - changeSet:
                              author: bo
                              changes:
                                - sql: select 2
                        """, 7, 5, "a changeset has no id (author bo)"),
                new Broken("unterminated.xml", XML_HEADER + """
                          <changeSet id="001" author="ana">
                            <createTable tableName="crews">
                              <column name="id" type="bigint">
                            </createTable>
                          </changeSet>
                        </databaseChangeLog>
                        """, 9, 7, "The element type \"column\" must be terminated by the matching end-tag"),
                new Broken("schema.xml", XML_HEADER + """
                          <changeSet id="001" author="ana">
                            <createTable tableName="crews">
                              <column name="id" typ="bigint"/>
                            </createTable>
                          </changeSet>
                        </databaseChangeLog>
                        """, 8, 39, "Attribute 'typ' is not allowed to appear in element 'column'"),
                new Broken("no-id.xml", XML_HEADER + """
                          <changeSet author="ana">
                            <sql>select 1</sql>
                          </changeSet>
                        </databaseChangeLog>
                        """, 6, 27, "Attribute 'id' must appear on element 'changeSet'"),
                new Broken("unknown-change.xml", XML_HEADER + """
                          <changeSet id="001" author="ana">
                            <createTabel tableName="crews"/>
                          </changeSet>
                        </databaseChangeLog>
                        """, 7, 37, "Invalid content was found starting with element 'createTabel'"),
                new Broken("comma.json", """
                        {"databaseChangeLog": [
                          {"changeSet": {"id": "001", "author": "ana"
                             "changes": [{"sql": {"sql": "select 1"}}]}}
                        ]}
                        """, 3, 6, "a comma is missing before this (expected ',' or '}'"),
                new Broken("typo.json", """
                        {"databaseChangeLog": [
                          {"changeSet": {"id": "001", "author": "ana",
                             "changes": [{"createTable": {"tableName": "crews",
                                "columns": [{"column": {"name": "id", "typ": "bigint"}}]}}]}}
                        ]}
                        """, 4, 47, "unexpected attribute 'typ'"),
                new Broken("no-author.sql", """
                        --liquibase formatted sql

                        --changeset ana:001
                        create table crews (id bigint);

                        --changeset 002
                        create table agents (id bigint);
                        """, 6, 0, "write it as --changeset <authorname>:<changesetId>"),
                new Broken("comment.sql", """
                        --liquibase formatted sql
                        --comment outside of any changeset
                        --changeset ana:001
                        create table crews (id bigint);
                        """, 2, 0, "do not allow comment lines outside of changesets"),
                new Broken("no-sql.sql", """
                        --liquibase formatted sql
                        --changeset ana:001
                        create table crews (id bigint);
                        --changeset ana:002

                        --changeset ana:003
                        create table agents (id bigint);
                        """, 4, 3, "changeset 002 (ana) has no SQL"),
                new Broken("includes-missing.yaml", """
                        databaseChangeLog:
                          - include:
                              file: missing.yaml
                              relativeToChangelogFile: true
                        """, 3, 13, "missing.yaml does not exist"),
                new Broken("includes-missing.xml", XML_HEADER + """
                          <include file="missing.xml" relativeToChangelogFile="true"/>
                        </databaseChangeLog>
                        """, 6, 18, "missing.xml does not exist"),
                new Broken("includes-missing-folder.yaml", """
                        databaseChangeLog:
                          - includeAll:
                              path: no-such-folder/
                              relativeToChangelogFile: true
                        """, 3, 13, "includeAll of no-such-folder/: no such folder, or it holds no changelog"));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Broken broken : brokenFiles()) {
            cases.add(Arguments.of(broken, true));
            cases.add(Arguments.of(broken, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, master: {1}")
    @MethodSource("cases")
    void aBrokenFileIsNamedWithItsLineAndCause(Broken broken, boolean asMaster) {
        ChangeLogFolder folder = new ChangeLogFolder(resources);
        String file;
        String master;
        if (asMaster) {
            file = "db/changelog/" + broken.name();
            master = file;
        } else {
            file = "db/changelog/changes/" + broken.name();
            master = ChangeLogFolder.MASTER;
            folder.write(master, """
                    databaseChangeLog:
                      - changeSet:
                          id: 000
                          author: ana
                          changes:
                            - sql: select 0
                      - include:
                          file: changes/%s
                          relativeToChangelogFile: true
                    """.formatted(broken.name()));
        }
        folder.write(file, broken.text());

        SettingsException e = assertThrows(SettingsException.class, () -> read(master));

        String where = file + ", line " + broken.line() + (broken.column() == 0 ? "" : ", column " + broken.column());
        assertOneLine(e, master, where, broken.cause());
    }

    @Test
    void theInnermostFileIsNamedThroughSeveralIncludesAndFormats() {
        ChangeLogFolder folder = new ChangeLogFolder(resources);
        folder.write("db/changelog/master.xml", XML_HEADER + """
                  <include file="db/changelog/modules/billing.yaml"/>
                </databaseChangeLog>
                """);
        folder.write("db/changelog/modules/billing.yaml", """
                databaseChangeLog:
                  - includeAll:
                      path: billing/
                      relativeToChangelogFile: true
                """);
        folder.write("db/changelog/modules/billing/001-invoices.json", """
                {"databaseChangeLog": [
                  {"changeSet": {"id": "001", "author": "ana", "changes": [{"sql": {"sql": "select 1"}}]}}
                ]}
                """);
        folder.write("db/changelog/modules/billing/002-budget.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 002
                      author: ana
                      changes:
                        - addColumn:
                            tableName: invoices
                            columns:
                              - column: {name: total, type: decimal(10, 2)}
                """);

        SettingsException e = assertThrows(SettingsException.class, () -> read("db/changelog/master.xml"));

        assertOneLine(e, "db/changelog/master.xml", "db/changelog/modules/billing/002-budget.yaml, line 9, column 45",
                "quote it: type: \"decimal(10, 2)\"");
    }

    @Test
    void anXmlErrorIsNotAlsoLoggedByLiquibase() {
        Broken schema = brokenFiles().stream().filter(broken -> broken.name().equals("schema.xml")).findFirst()
                .orElseThrow();
        new ChangeLogFolder(resources).write("db/changelog/schema.xml", schema.text());
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger liquibase = Logger.getLogger("liquibase");
        liquibase.addHandler(handler);
        try {
            assertThrows(SettingsException.class, () -> read("db/changelog/schema.xml"));
        } finally {
            liquibase.removeHandler(handler);
        }
        assertEquals(List.of(), logged);
    }

    @Test
    void theRollbackPlanNamesTheFileAndLineToo() {
        DatabaseUrl url = PostgresFixture.newDatabase().withCredentials(null, "postgres");
        new ChangeLogFolder(resources).sqlChangeSet("001-crews", "ana", "create table crews (id int)")
                .write("db/changelog/changes/001-crews.yaml", brokenFiles().get(0).text());

        SettingsException e = assertThrows(SettingsException.class, () -> TestMigrations.of(url, resources)
                .rollbackPlan(new RollbackTarget.Count(1)));

        assertOneLine(e, ChangeLogFolder.MASTER, "db/changelog/changes/001-crews.yaml, line 10, column 46",
                "quote it");
    }

    @Test
    void aValidChangeLogStillReadsAsLiquibaseReadsIt() {
        new ChangeLogFolder(resources).sqlChangeSet("001-crews", "ana", "create table crews (id int)")
                .write("db/changelog/changes/002-budget.yaml", "databaseChangeLog: [{changeSet: {id: 2, author: bo,"
                        + " changes: [{createTable: {tableName: budget, columns: [{column: {name: amount,"
                        + " type: 'numeric(12,2)'}}]}}]}}]\n");
        new ChangeLogFolder(resources).write(ChangeLogFolder.MASTER, """
                databaseChangeLog:
                  - include: {file: changes/001-crews.yaml, relativeToChangelogFile: true}
                  - include: {file: changes/002-budget.yaml, relativeToChangelogFile: true}
                """);

        assertEquals(List.of("db/changelog/changes/001-crews.yaml::001-crews::ana",
                        "db/changelog/changes/002-budget.yaml::2::bo"),
                LiquibaseChangeLogReader.read(location(ChangeLogFolder.MASTER), null).changeSets().stream()
                        .map(changeSet -> changeSet.identity()).toList());
    }

    private void read(String master) {
        LiquibaseChangeLogReader.read(location(master), null);
    }

    private ChangeLogLocation location(String master) {
        return new ChangeLogLocation(master, List.of(resources), null);
    }

    private static void assertOneLine(SettingsException e, String master, String where, String cause) {
        String message = e.getMessage();
        assertEquals(ExitCode.BAD_SETTINGS, e.exitCode());
        assertTrue(message.startsWith("MIGRATION_CHANGELOG='" + master + "': cannot be read: " + where + ": "),
                message);
        assertTrue(message.contains(cause), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertFalse(message.contains("Exception") || message.contains("liquibase."), message);
        assertFalse(message.contains(" : "), "no Liquibase wrapper text: " + message);
    }
}
