package dev.automigrate.core.settings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/** Replaces secrets, as given and percent-encoded, with {@code ***} in any text before it is shown. */
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
        }
        return new SecretMasker(forms);
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
