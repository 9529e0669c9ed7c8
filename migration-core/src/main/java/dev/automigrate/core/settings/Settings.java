package dev.automigrate.core.settings;

import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.changelog.ChangeSetFilter;
import dev.automigrate.core.changelog.Parameters;
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
        Duration lockRetryBudget,
        Duration rehearsalTimeout,
        ChangeSetFilter filter,
        Parameters parameters,
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

    /**
     * Where the changelog is looked up. The classpath is a candidate only while nobody set the search path: with two
     * candidates, a changelog at the default path on both (a user's project and a jar's copy) would be found twice,
     * and which one wins would depend on the search order.
     *
     * @param classpath where a front end looks besides the search path by default; may be null
     */
    public ChangeLogLocation changeLogLocation(ClassLoader classpath) {
        SettingValue searchPathValue = values.get(Setting.MIGRATION_SEARCH_PATH);
        boolean searchPathSet = searchPathValue != null && searchPathValue.raw() != null
                && searchPathValue.source() != Source.FRONT_END_DEFAULT && searchPathValue.source() != Source.DEFAULT;
        return new ChangeLogLocation(changeLog, searchPath, searchPathSet ? null : classpath, filter, parameters);
    }

    /**
     * The values of secret-looking changelog parameters: what the SQL of a plan or a rehearsal, or a database error
     * about it, may quote. (The password never gets there: a URL is shown masked.)
     */
    public SecretMasker parameterSecrets() {
        return SecretMasker.of(parameters.secretValues().toArray(String[]::new));
    }

    /** What must never be shown: the database password and the values of secret-looking changelog parameters. */
    public SecretMasker secrets() {
        List<String> secrets = new ArrayList<>(parameters.secretValues());
        database().map(DatabaseUrl::password).ifPresent(secrets::add);
        return SecretMasker.of(secrets.toArray(String[]::new));
    }

    public SettingValue value(Setting setting) {
        return values.get(setting);
    }

    /** The same settings with another database, e.g. the embedded one the service started. */
    public Settings withDatabase(DatabaseUrl url) {
        return new Settings(url, autoMigrate, failOnError, changeLog, searchPath, connectTimeout, lockTimeout,
                statementLockTimeout, lockRetryBudget, rehearsalTimeout, filter, parameters, values);
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
