package dev.automigrate.core.liquibase.incremental;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The changelog parameters a text refers to as {@code ${name}}: a record stays valid only while each of them
 * expands to the value it expanded to when the record was made.
 */
final class ParameterReferences {
    /** A YAML escape that may spell "$" or "{" (so hide an expression), or a line break inside a name. */
    private static final Pattern HIDDEN = Pattern.compile(
            "\\\\(x24|u0024|U00000024|x7[bB]|u007[bB]|U0000007[bB]|N|_|L|P)");

    private ParameterReferences() {
    }

    /**
     * The names, or null when the text may refer to a parameter in a way the names cannot capture: an escaped "$"
     * or "{", a nested or unterminated expression, quotes or line breaks inside a name, Liquibase's escaped
     * {@code ${:name}}, or a value Liquibase sets per changeset.
     */
    static Set<String> in(String text) {
        Set<String> names = new TreeSet<>();
        if (text.indexOf('\\') >= 0 && HIDDEN.matcher(text).find()) {
            return null;
        }
        for (int at = text.indexOf("${"); at >= 0; at = text.indexOf("${", at + 2)) {
            int close = text.indexOf('}', at + 2);
            if (close < 0) {
                return null;
            }
            String name = text.substring(at + 2, close);
            if (name.chars().anyMatch(c -> "${\\\"'\n\r".indexOf(c) >= 0) || name.strip().startsWith(":")
                    || name.strip().toUpperCase(Locale.ROOT).startsWith("LIQUIBASE_EXECUTION_CHANGESET")) {
                return null;
            }
            names.add(name);
        }
        return names;
    }
}
