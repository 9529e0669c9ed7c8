package dev.automigrate.core.liquibase.parse;

import liquibase.exception.ChangeLogParseException;

/**
 * A changelog file that cannot be read, with where: the file (relative to the search path, as changeset identities
 * are), the line and column when known, and the cause in one line. A Liquibase exception, so it passes unchanged
 * through Liquibase's include of the file that included it, up to the master's parse.
 */
public final class LocatedParseException extends ChangeLogParseException {
    private final String file;
    private final int line;

    /**
     * @param line   1-based; 0 when unknown
     * @param column 1-based; 0 when unknown
     */
    LocatedParseException(String file, int line, int column, String cause, Throwable failure) {
        super(format(file, line, column, cause), failure);
        this.file = file;
        this.line = line;
    }

    String file() {
        return file;
    }

    /** 1-based; 0 when unknown. */
    int line() {
        return line;
    }

    private static String format(String file, int line, int column, String cause) {
        String where = line <= 0 ? file : file + ", line " + line + (column <= 0 ? "" : ", column " + column);
        return where + ": " + cause.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
