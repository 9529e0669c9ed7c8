package dev.automigrate.core.changelog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changelog parameters given from outside ({@code MIGRATION_PARAMETERS=name=value,name2=value2}), substituted for
 * {@code ${name}} as Liquibase's command-line parameters are: they win over a {@code property} the changelog defines
 * with the same name. Values of names that look secret ({@code password}, {@code secret}, {@code token}) are never
 * shown.
 */
public record Parameters(Map<String, String> values) {
    public static final Parameters NONE = new Parameters(Map.of());
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token");

    public Parameters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parses {@code name=value,name2=value2}: a value runs to the next unescaped comma ({@code \,} is a comma in a
     * value, {@code \\} a backslash) and may contain {@code =}.
     *
     * @throws IllegalArgumentException saying which entry is wrong, without its value
     */
    public static Parameters parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return NONE;
        }
        for (String entry : split(text, true)) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String name = (equals < 0 ? entry : entry.substring(0, equals)).strip();
            if (equals < 0) {
                throw new IllegalArgumentException("expects name=value pairs separated by commas; '" + name
                        + "' has no '='");
            }
            if (name.isEmpty() || !name.matches("[A-Za-z0-9_.\\-]+")) {
                throw new IllegalArgumentException("expects name=value pairs separated by commas; '" + name
                        + "' is not a parameter name (letters, digits, '_', '.', '-')");
            }
            if (values.put(name, entry.substring(equals + 1)) != null) {
                throw new IllegalArgumentException("names parameter '" + name + "' twice");
            }
        }
        return new Parameters(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** The values that must never be shown, for a {@link dev.automigrate.core.settings.SecretMasker}. */
    public List<String> secretValues() {
        List<String> secrets = new ArrayList<>();
        values.forEach((name, value) -> {
            if (isSecretName(name) && !value.isEmpty()) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    /** {@code deploy_note=v1.4, api_token=***}. */
    public String describe() {
        List<String> entries = new ArrayList<>();
        values.forEach((name, value) -> entries.add(name + "=" + (isSecretName(name) ? "***" : value)));
        return String.join(", ", entries);
    }

    /**
     * A digest of every name and value, to tell whether a run used the same parameters as an earlier one without
     * keeping the values (a secret among them) anywhere.
     */
    public String digest() {
        if (values.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(values).forEach((name, value) -> text.append(name).append('\u001f').append(value).append('\u001e'));
        return ChangeLogDigest.ofText(text.toString());
    }

    /** The text with the values of secret-looking names replaced by {@code ***}, also when it does not parse. */
    public static String mask(String text) {
        List<String> masked = new ArrayList<>();
        for (String entry : split(text, false)) {
            int equals = entry.indexOf('=');
            masked.add(equals >= 0 && isSecretName(entry.substring(0, equals)) ? entry.substring(0, equals + 1) + "***"
                    : entry);
        }
        return String.join(",", masked);
    }

    private static List<String> split(String text, boolean unescape) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == ',' || text.charAt(i + 1) == '\\')) {
                if (!unescape) {
                    current.append(c);
                }
                current.append(text.charAt(++i));
            } else if (c == ',') {
                entries.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        entries.add(current.toString());
        return entries;
    }
}
