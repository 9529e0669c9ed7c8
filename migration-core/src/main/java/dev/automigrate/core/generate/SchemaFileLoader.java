package dev.automigrate.core.generate;

import dev.automigrate.core.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Loads a schema file into an empty database, statement by statement, so that an error PostgreSQL reports is
 * shown as {@code file:line: message} on one line. Sent as one script, the server's error position is relative to
 * what the driver sent (and absent for errors such as a duplicate table), so it cannot name a line of the file.
 */
final class SchemaFileLoader {
    private SchemaFileLoader() {
    }

    /** @throws UsageException naming the file and line of the first statement PostgreSQL rejects */
    static void load(Path file, Connection connection) throws SQLException {
        SqlScript script = new SqlScript(read(file));
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                // {fn …} and {d …} in a schema file are SQL text, not JDBC escapes
                statement.setEscapeProcessing(false);
                for (SqlScript.Statement sql : script.statements()) {
                    try {
                        statement.execute(sql.sql());
                    } catch (PSQLException e) {
                        if (e.getServerErrorMessage() == null) {
                            throw e; // no answer from the server: a connection fault, not the file's
                        }
                        throw new UsageException(file + ":" + script.line(errorOffset(sql, e.getServerErrorMessage()))
                                + ": " + describe(e.getServerErrorMessage()));
                    }
                }
            }
        } catch (SqlScript.MetaCommandException e) {
            throw new UsageException(file + ":" + script.line(e.offset()) + ": psql meta-command '" + e.command()
                    + "' is not SQL; remove it (for a pg_dump, use --schema-only --no-owner --no-privileges and "
                    + "delete its \\ lines)");
        }
    }

    /**
     * Where in the file the error is: the server's position inside the statement (1-based, in characters, where
     * Java counts UTF-16 units), or the statement's first token when the server gives none.
     */
    private static int errorOffset(SqlScript.Statement statement, ServerErrorMessage error) {
        String sql = statement.sql();
        if (error.getPosition() > 0) {
            int characters = sql.codePointCount(0, sql.length());
            return statement.offset() + sql.offsetByCodePoints(0, Math.min(error.getPosition() - 1, characters));
        }
        return statement.offset() + SqlScript.firstToken(sql);
    }

    private static String describe(ServerErrorMessage error) {
        String message = error.getSeverity() + ": " + error.getMessage()
                + (error.getSQLState() == null ? "" : " [SQLSTATE " + error.getSQLState() + "]");
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read the schema file " + file + ": " + e.getMessage());
        }
    }
}
