package dev.automigrate.core.check;

/**
 * What the database said when a statement of a rehearsed changeset (or of its rollback) failed.
 *
 * @param message   the database's message, e.g. {@code ERROR: could not create unique index "crews_name"}
 * @param sqlState  the SQLSTATE, e.g. {@code 23505}; null when the failure did not come from the database
 * @param statement the statement that failed, as sent; null when the failure came before any statement
 */
public record StatementFailure(String message, String sqlState, String statement) {

    /** One line: the message, its SQLSTATE and the statement. */
    public String describe() {
        return message + (sqlState == null ? "" : " [SQLSTATE " + sqlState + "]")
                + (statement == null ? "" : " in: " + statement.strip().replaceAll("\\s+", " "));
    }
}
