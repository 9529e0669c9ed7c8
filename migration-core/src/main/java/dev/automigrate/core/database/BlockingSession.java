package dev.automigrate.core.database;

import dev.automigrate.core.DurationText;
import dev.automigrate.core.settings.SecretMasker;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session that held a lock the migration waited for, as {@code pg_stat_activity} showed it during the wait: enough
 * for the person deploying to know whose report or transaction it is, and how old.
 *
 * @param state           {@code idle in transaction}, {@code active}, …; may be null
 * @param transactionOpen how long its transaction had been open (its session, when it had none)
 * @param query           the first words of its current or last statement, string literals and secrets masked
 */
public record BlockingSession(int pid, String applicationName, String state, Duration transactionOpen, String query) {
    static final int QUERY_WORDS = 60;
    /** A string literal ('…', E'…') or a dollar-quoted body; unterminated (a truncated query) up to the end. */
    private static final Pattern LITERALS = Pattern.compile(
            "'(?:[^'\\\\]|\\\\.|'')*(?:'|$)|\\$([A-Za-z_]\\w*|)\\$.*?(?:\\$\\1\\$|$)", Pattern.DOTALL);

    public String describe() {
        return "pid " + pid + " (" + (applicationName == null || applicationName.isEmpty() ? "unnamed" : applicationName)
                + (state == null ? "" : "; " + state) + "; transaction open " + DurationText.of(transactionOpen)
                + (query == null || query.isEmpty() ? "" : "; " + query) + ")";
    }

    /**
     * What may be shown of a query: secrets masked first (so a cut cannot leave half of one), then every string
     * literal replaced (they hold passwords and personal data more often than anything else), whitespace collapsed,
     * the first {@value #QUERY_WORDS} characters.
     */
    static String preview(String query, SecretMasker secrets) {
        if (query == null) {
            return "";
        }
        Matcher literals = LITERALS.matcher(secrets.mask(query));
        StringBuilder masked = new StringBuilder();
        while (literals.find()) {
            literals.appendReplacement(masked, literals.group().startsWith("'") ? "'…'" : "\\$…\\$");
        }
        literals.appendTail(masked);
        String text = masked.toString().replaceAll("\\s+", " ").strip();
        return text.length() <= QUERY_WORDS ? text : text.substring(0, QUERY_WORDS).stripTrailing() + "…";
    }
}
