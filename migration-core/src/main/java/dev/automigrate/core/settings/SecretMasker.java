package dev.automigrate.core.settings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Replaces secrets, as given, percent-encoded, escaped in JSON and quoted in SQL, with {@code ***} in any text before
 * it is shown.
 */
public final class SecretMasker {
    private final Set<String> forms;

    private SecretMasker(Set<String> forms) {
        this.forms = forms;
    }

    public static SecretMasker of(String... secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
            String inSql = secret.replace("'", "''"); // in a string literal of a planned statement
            forms.add(json(secret));
            forms.add(inSql);
            forms.add(json(inSql));
        }
        return new SecretMasker(forms);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Whether there is nothing to mask. */
    public boolean isEmpty() {
        return forms.isEmpty();
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String form : forms) {
            masked = masked.replace(form, "***");
        }
        return masked;
    }
}
