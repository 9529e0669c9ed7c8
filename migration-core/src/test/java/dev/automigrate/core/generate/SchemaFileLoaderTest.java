package dev.automigrate.core.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.automigrate.core.UsageException;
import dev.automigrate.core.testing.PostgresFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schema file runs statement by statement; what PostgreSQL rejects is named by file and line. */
class SchemaFileLoaderTest {
    @TempDir
    Path folder;

    @Test
    void splitsOnlyOnSemicolonsOutsideQuotesCommentsAndBodies() {
        String sql = """
                /* a ; in a comment /* nested ; */ still comment */
                create table crew (id bigint primary key, note text default 'a;b', "we;ird" int); -- ; here too
                create function f() returns text language sql as $body$ select 'x;y' $body$;
                create function g() returns int language plpgsql as $$ begin return 1; end; $$;
                insert into crew (id, note) values (1, E'it\\'s;fine');
                -- only a comment;
                """;

        List<SqlScript.Statement> statements = new SqlScript(sql).statements();

        assertEquals(4, statements.size(), statements::toString);
        assertEquals("create function g() returns int language plpgsql as $$ begin return 1; end; $$",
                statements.get(2).sql().strip());
        assertEquals(5, new SqlScript(sql).line(statements.get(3).offset() + 1), "the insert is on line 5");
    }

    @Test
    void loadsQuotedTextDollarBodiesExtensionsAndConcurrentIndexes() throws Exception {
        Path file = folder.resolve("schema.sql");
        Files.writeString(file, """
                create table crew (id bigint primary key, note text default 'a;b', "we;ird" int);
                create function g() returns int language plpgsql as $$ begin return 1; end; $$;
                insert into crew (id, note) values (1, E'it\\'s;fine');
                create extension if not exists pgcrypto;
                create index concurrently crew_note on crew (note);
                """);

        try (Connection connection = PostgresFixture.connect(PostgresFixture.newDatabase())) {
            SchemaFileLoader.load(file, connection);
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select note || g() from crew")) {
                rows.next();
                assertEquals("it's;fine1", rows.getString(1));
            }
        }
    }

    @Test
    void aSyntaxErrorIsShownAtItsLine() throws IOException {
        assertEquals(":6: ERROR: syntax error at or near \"nul\" [SQLSTATE 42601]", error("""
                create table crew (id bigint primary key, name text);

                create table mission (
                  id bigint primary key,
                  crew_id bigint references crew (id),
                  title varchar(200) not nul
                );
                """));
    }

    @Test
    void anErrorWithoutAPositionIsShownAtItsStatementsFirstLine() throws IOException {
        assertEquals(":4: ERROR: relation \"crew\" already exists [SQLSTATE 42P07]", error("""
                create table crew (id bigint primary key);
                create table other (id int);
                -- the same again
                create table crew (id bigint primary key);
                """));
    }

    @Test
    void charactersBeyondTheBasicPlaneBeforeTheErrorDoNotShiftItsLine() throws IOException {
        assertEquals(":4: ERROR: syntax error at or near \"crew\" [SQLSTATE 42601]", error("""
                comment on schema public is 'héhé ünïcödé – ✓ 😀😀😀';
                select 1 /* 😀 */ ;
                create table crew (id bigint primary key, name text);
                select 1 frm crew; -- 😀
                """));
    }

    @Test
    void aPsqlMetaCommandIsRefusedAtItsLine() throws IOException {
        String error = error("""
                create table crew (id bigint primary key);
                \\connect app
                create table other (id int);
                """);

        assertEquals(":2: psql meta-command '\\connect app' is not SQL; remove it", error.substring(0, error.indexOf(" (")));
    }

    private String error(String sql) throws IOException {
        Path file = folder.resolve("schema.sql");
        Files.writeString(file, sql);
        UsageException rejected = assertThrows(UsageException.class, () -> {
            try (Connection connection = PostgresFixture.connect(PostgresFixture.newDatabase())) {
                SchemaFileLoader.load(file, connection);
            }
        });
        return rejected.getMessage().substring(file.toString().length());
    }
}
