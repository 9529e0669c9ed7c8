package dev.automigrate.core.settings;

import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.startup.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting resolved once, with one precedence rule, remembering where each value came from.
 * Immutable; {@link #describe} prints it with secrets masked.
 */
public record Settings(
        DatabaseUrl databaseUrl,
        boolean autoMigrate,
        boolean failOnError,
        String changeLog,
        List<Path> searchPath,
        Duration connectTimeout,
        Duration lockTimeout,
        Duration statementLockTimeout,
        Map<Setting, SettingValue> values) {

    public Settings {
        searchPath = List.copyOf(searchPath);
        values = Map.copyOf(values);
    }

    /** The database address, when one was configured (the service falls back to an embedded one). */
    public Optional<DatabaseUrl> database() {
        return Optional.ofNullable(databaseUrl);
    }

    public Policy policy() {
        return new Policy(autoMigrate, failOnError);
    }

    public ChangeLogLocation changeLogLocation(ClassLoader classpath) {
        return new ChangeLogLocation(changeLog, searchPath, classpath);
    }

    public SettingValue value(Setting setting) {
        return values.get(setting);
    }

    /** The same settings with another database, e.g. the embedded one the service started. */
    public Settings withDatabase(DatabaseUrl url) {
        return new Settings(url, autoMigrate, failOnError, changeLog, searchPath, connectTimeout, lockTimeout,
                statementLockTimeout, values);
    }

    /** One line per setting, {@code NAME = value (source)}, secrets masked, names as the front end spells them. */
    public List<String> describe(Function<Setting, String> naming) {
        int width = 0;
        for (Setting setting : Setting.values()) {
            width = Math.max(width, naming.apply(setting).length());
        }
        List<String> lines = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            SettingValue value = values.get(setting);
            String name = naming.apply(setting);
            lines.add(name + " ".repeat(width - name.length()) + " = " + value.display()
                    + (value.raw() == null ? "" : "  (" + value.source().label() + ")"));
        }
        return lines;
    }

    public List<String> describe() {
        return describe(Setting::environmentVariable);
    }
}
