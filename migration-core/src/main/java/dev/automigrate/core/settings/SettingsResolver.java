package dev.automigrate.core.settings;

import dev.automigrate.core.changelog.ChangeSetFilter;
import dev.automigrate.core.changelog.Parameters;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place settings are resolved. Rule: the first layer that has a setting wins; layers are
 * given highest precedence first, and the built-in defaults of {@link Setting} come last.
 */
public final class SettingsResolver {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private SettingsResolver() {
    }

    /**
     * @param layers        highest precedence first (e.g. -D, {@code <configuration>}, environment, front-end defaults)
     * @param baseDirectory relative search-path folders are resolved against it
     */
    public static Settings resolve(List<SettingsLayer> layers, Path baseDirectory) {
        Map<Setting, SettingValue> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, pick(setting, layers));
        }
        DatabaseUrl url = databaseUrl(values);
        return new Settings(
                url,
                bool(values.get(Setting.AUTO_MIGRATE_ON_STARTUP)),
                bool(values.get(Setting.FAIL_ON_MIGRATION_ERROR)),
                changeLog(values.get(Setting.MIGRATION_CHANGELOG)),
                searchPath(values.get(Setting.MIGRATION_SEARCH_PATH), baseDirectory),
                duration(values.get(Setting.DATABASE_CONNECT_TIMEOUT)),
                duration(values.get(Setting.MIGRATION_LOCK_TIMEOUT)),
                duration(values.get(Setting.MIGRATION_STATEMENT_LOCK_TIMEOUT)),
                duration(values.get(Setting.MIGRATION_LOCK_RETRY_BUDGET)),
                positiveDuration(values.get(Setting.MIGRATION_REHEARSAL_TIMEOUT)),
                new ChangeSetFilter(nonEmpty(values.get(Setting.MIGRATION_CONTEXTS)),
                        nonEmpty(values.get(Setting.MIGRATION_LABELS))),
                parameters(values.get(Setting.MIGRATION_PARAMETERS)),
                values);
    }

    private static SettingValue pick(Setting setting, List<SettingsLayer> layers) {
        for (SettingsLayer layer : layers) {
            String value = layer.values().get(setting);
            if (value != null) {
                return new SettingValue(setting, value, layer.source());
            }
        }
        return new SettingValue(setting, setting.defaultValue().orElse(null), Source.DEFAULT);
    }

    private static DatabaseUrl databaseUrl(Map<Setting, SettingValue> values) {
        String raw = values.get(Setting.DATABASE_URL).raw();
        String user = nonEmpty(values.get(Setting.DATABASE_USER));
        String password = values.get(Setting.DATABASE_PASSWORD).raw();
        if (password != null && password.isEmpty()) {
            throw new SettingsException(Setting.DATABASE_PASSWORD, null,
                    "is set but empty; unset it to use the password in DATABASE_URL");
        }
        if (raw == null) {
            return null;
        }
        return DatabaseUrl.parse(raw).withCredentials(user, password);
    }

    /** Parses {@code true}/{@code false} in any case, trimmed; anything else names the setting. */
    public static boolean bool(SettingValue value) {
        String text = nonEmpty(value);
        String normalised = text.strip().toLowerCase(Locale.ROOT);
        return switch (normalised) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SettingsException(value.setting(), text, "must be true or false");
        };
    }

    /** Parses {@code 30s}, {@code 2m}, {@code 500ms}, {@code 1h} or plain seconds. */
    public static Duration duration(SettingValue value) {
        String text = nonEmpty(value);
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new SettingsException(value.setting(), text, "must be a duration such as 30s, 2m, 500ms or a number of seconds");
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new SettingsException(value.setting(), text, "is too large");
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** A duration that must not be zero: a limit of nothing would stop what it limits before it starts. */
    private static Duration positiveDuration(SettingValue value) {
        Duration duration = duration(value);
        if (duration.isZero()) {
            throw new SettingsException(value.setting(), value.raw(), "must be longer than 0, such as 30s or 5m");
        }
        return duration;
    }

    private static String changeLog(SettingValue value) {
        String text = nonEmpty(value).strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".xml") || lower.endsWith(".json")
                || lower.endsWith(".sql"))) {
            throw new SettingsException(value.setting(), text,
                    "is not a changelog Liquibase can read: use a .yaml, .yml, .xml, .json or .sql file");
        }
        return text;
    }

    private static List<Path> searchPath(SettingValue value, Path baseDirectory) {
        if (value.raw() == null) {
            return List.of();
        }
        String text = nonEmpty(value);
        List<Path> folders = new ArrayList<>();
        for (String entry : text.split(",")) {
            String folder = entry.strip();
            if (folder.isEmpty()) {
                continue;
            }
            try {
                folders.add(baseDirectory.resolve(folder).normalize());
            } catch (InvalidPathException e) {
                throw new SettingsException(value.setting(), text, "has an invalid folder '" + folder + "'");
            }
        }
        if (folders.isEmpty()) {
            throw new SettingsException(value.setting(), text, "names no folder");
        }
        return folders;
    }

    private static String nonEmpty(SettingValue value) {
        String raw = value.raw();
        if (raw != null && raw.isBlank()) {
            throw new SettingsException(value.setting(), value.setting().secret() ? null : raw, "is set but empty");
        }
        return raw;
    }

    private static Parameters parameters(SettingValue value) {
        String text = nonEmpty(value);
        try {
            return Parameters.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(value.setting(), Parameters.mask(text), e.getMessage());
        }
    }

    /** Masks a URL's password for display even when the URL does not parse. */
    static String maskUrlText(String raw) {
        try {
            return DatabaseUrl.parse(raw).masked();
        } catch (SettingsException e) {
            return e.maskedValue();
        }
    }
}
