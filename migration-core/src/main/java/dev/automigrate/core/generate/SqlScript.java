package dev.automigrate.core.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL file split into its statements, each with its offset in the file, so an error in one can be shown at its
 * line. The split knows PostgreSQL's quoting: {@code '…'} (with {@code ''}), {@code E'…'} (with backslash escapes),
 * {@code "…"} identifiers, {@code $tag$…$tag$} bodies, {@code --} and nested block comments; a semicolon inside
 * any of them does not end a statement.
 */
final class SqlScript {
    /** One statement and where it starts in the file. */
    record Statement(int offset, String sql) {
    }

    /** A psql meta-command ({@code \connect}, pg_dump's {@code \restrict}): not SQL, and skipping it would mislead. */
    static final class MetaCommandException extends RuntimeException {
        private final int offset;
        private final String command;

        MetaCommandException(int offset, String command) {
            super(command);
            this.offset = offset;
            this.command = command;
        }

        int offset() {
            return offset;
        }

        String command() {
            return command;
        }
    }

    private final String text;

    SqlScript(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The statements in order; blank ones and ones that are only comments are left out. */
    List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        int length = text.length();
        boolean lineStart = true;
        while (i < length) {
            char c = text.charAt(i);
            if (lineStart && c == '\\') {
                int newline = text.indexOf('\n', i);
                throw new MetaCommandException(i, text.substring(i, newline < 0 ? length : newline).strip());
            }
            lineStart = c == '\n' || lineStart && (c == ' ' || c == '\t' || c == '\r');
            if (c == '\'') {
                i = skipQuoted(i, '\'', escapeString(i));
            } else if (c == '"') {
                i = skipQuoted(i, '"', false);
            } else if (text.startsWith("--", i)) {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? length : newline;
            } else if (text.startsWith("/*", i)) {
                i = skipBlockComment(text, i);
            } else if (c == '$' && startsWord(i)) {
                i = skipDollarQuoted(i);
            } else if (c == ';') {
                add(statements, start, i);
                start = i + 1;
                i++;
            } else {
                i++;
            }
        }
        add(statements, start, length);
        return statements;
    }

    /** The 1-based line of an offset in the file. */
    int line(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Where a statement's first token is: after leading blanks and comments. */
    static int firstToken(String sql) {
        int i = 0;
        while (i < sql.length()) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int newline = sql.indexOf('\n', i);
                i = newline < 0 ? sql.length() : newline + 1;
            } else if (sql.startsWith("/*", i)) {
                i = skipBlockComment(sql, i);
            } else {
                return i;
            }
        }
        return sql.length();
    }

    private void add(List<Statement> statements, int start, int end) {
        String sql = text.substring(start, end);
        if (firstToken(sql) < sql.length()) {
            statements.add(new Statement(start, sql));
        }
    }

    /** {@code E'…'}: the E must be a word of its own, not the end of an identifier such as {@code name'…'}. */
    private boolean escapeString(int quote) {
        return quote > 0 && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e')
                && (quote < 2 || !isWordCharacter(text.charAt(quote - 2)));
    }

    private boolean startsWord(int i) {
        return i == 0 || !isWordCharacter(text.charAt(i - 1));
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private int skipQuoted(int i, char quote, boolean backslashEscapes) {
        int j = i + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
            } else if (c == quote && j + 1 < text.length() && text.charAt(j + 1) == quote) {
                j += 2;
            } else if (c == quote) {
                return j + 1;
            } else {
                j++;
            }
        }
        return text.length();
    }

    /** {@code $$…$$} or {@code $tag$…$tag$}; a lone {@code $1} (a parameter) is not a quote. */
    private int skipDollarQuoted(int i) {
        int close = text.indexOf('$', i + 1);
        if (close < 0 || !text.substring(i, close + 1).matches("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$")) {
            return i + 1;
        }
        String tag = text.substring(i, close + 1);
        int end = text.indexOf(tag, close + 1);
        return end < 0 ? text.length() : end + tag.length();
    }

    private static int skipBlockComment(String text, int i) {
        int depth = 0;
        int j = i;
        while (j < text.length()) {
            if (text.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (text.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return text.length();
    }
}
