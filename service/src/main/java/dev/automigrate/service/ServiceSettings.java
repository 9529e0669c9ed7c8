package dev.automigrate.service;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.settings.SettingsLayer;
import dev.automigrate.core.settings.SettingsResolver;
import dev.automigrate.core.settings.Source;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of the service, resolved once: the environment wins over {@code .env} in the working
 * directory, which wins over {@code application.yaml}, which wins over the defaults.
 *
 * @param migration     the core's settings; the database is absent when the embedded one should be used
 * @param values        the service-only settings with their sources, for {@link #describe()}
 */
public record ServiceSettings(Settings migration, int port, Path embeddedDataDirectory, boolean embeddedAllowed,
                              Map<ServiceSetting, Value> values) {

    /** One service-only setting's raw text and where it came from. */
    public record Value(String raw, Source source) {
    }

    public ServiceSettings {
        values = Map.copyOf(values);
    }

    public static ServiceSettings resolve(Map<String, String> environment, Path workingDirectory) {
        return resolve(environment, workingDirectory, ApplicationYaml.load(workingDirectory));
    }

    public static ServiceSettings resolve(Map<String, String> environment, Path workingDirectory, ApplicationYaml yaml) {
        Map<String, String> dotEnv = DotEnvFile.read(workingDirectory);
        Map<String, String> yamlValues = yaml.values();
        Settings migration = SettingsResolver.resolve(List.of(
                SettingsLayer.fromEnvironment(Source.ENVIRONMENT, environment),
                SettingsLayer.fromEnvironment(Source.DOTENV_FILE, dotEnv),
                SettingsLayer.fromProperties(Source.APPLICATION_YAML, yamlValues),
                // the service looks in its working directory, and on its classpath (see MigrationFeature)
                new SettingsLayer(Source.FRONT_END_DEFAULT, Map.of(Setting.MIGRATION_SEARCH_PATH, "."))),
                workingDirectory);

        Map<ServiceSetting, Value> values = new EnumMap<>(ServiceSetting.class);
        for (ServiceSetting setting : ServiceSetting.values()) {
            values.put(setting, pick(setting, environment, dotEnv, yamlValues));
        }
        int port = port(values.get(ServiceSetting.SERVER_PORT).raw());
        Path dataDirectory = dataDirectory(values.get(ServiceSetting.EMBEDDED_DATA_DIR).raw(), workingDirectory);
        boolean embeddedAllowed = bool(ServiceSetting.EMBEDDED_DATABASE, values.get(ServiceSetting.EMBEDDED_DATABASE).raw());
        LogFormat.parse(values.get(ServiceSetting.LOG_FORMAT).raw()); // a bad value is refused at once, like the others
        if (migration.database().isEmpty() && !embeddedAllowed) {
            throw new ServiceSettingsException(ExitCode.BAD_SETTINGS, "DATABASE_URL: is not set, and "
                    + "EMBEDDED_DATABASE=false forbids the embedded development database: set DATABASE_URL");
        }
        return new ServiceSettings(migration, port, dataDirectory, embeddedAllowed, values);
    }

    /** {@code LOG_FORMAT}: text lines or one JSON object per line. */
    public LogFormat logFormat() {
        return LogFormat.parse(values.get(ServiceSetting.LOG_FORMAT).raw());
    }

    /** Whether the embedded development database must be started (no DATABASE_URL given). */
    public boolean usesEmbeddedDatabase() {
        return migration.database().isEmpty();
    }

    /** The same settings pointing at another database, such as the embedded one once started. */
    public ServiceSettings withDatabase(DatabaseUrl url) {
        return new ServiceSettings(migration.withDatabase(url), port, embeddedDataDirectory, embeddedAllowed, values);
    }

    /** One line per setting with its source, secrets masked: the block the service logs at startup. */
    public List<String> describe() {
        int width = 0;
        for (Setting setting : Setting.values()) {
            width = Math.max(width, setting.environmentVariable().length());
        }
        List<String> lines = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            var value = migration.value(setting);
            String shown = value.display();
            if (setting == Setting.DATABASE_URL && value.raw() == null) {
                shown = embeddedAllowed ? "(not set: embedded PostgreSQL)" : "(not set)";
            }
            if (setting == Setting.MIGRATION_SEARCH_PATH && value.source() == Source.FRONT_END_DEFAULT) {
                shown = "the classpath and the working directory";
            }
            lines.add(line(setting.environmentVariable(), width, shown, value.raw() == null ? null : value.source()));
        }
        for (ServiceSetting setting : ServiceSetting.values()) {
            Value value = values.get(setting);
            lines.add(line(setting.environmentVariable(), width, value.raw(), value.source()));
        }
        return lines;
    }

    private static String line(String name, int width, String value, Source source) {
        return name + " ".repeat(Math.max(0, width - name.length())) + " = " + value
                + (source == null ? "" : "  (" + source.label() + ")");
    }

    private static Value pick(ServiceSetting setting, Map<String, String> environment, Map<String, String> dotEnv,
                              Map<String, String> yaml) {
        if (environment.containsKey(setting.environmentVariable())) {
            return new Value(environment.get(setting.environmentVariable()), Source.ENVIRONMENT);
        }
        if (dotEnv.containsKey(setting.environmentVariable())) {
            return new Value(dotEnv.get(setting.environmentVariable()), Source.DOTENV_FILE);
        }
        if (yaml.containsKey(setting.yamlKey())) {
            return new Value(yaml.get(setting.yamlKey()), Source.APPLICATION_YAML);
        }
        return new Value(setting.defaultValue(), Source.DEFAULT);
    }

    private static int port(String raw) {
        String text = nonEmpty(ServiceSetting.SERVER_PORT, raw);
        try {
            int port = Integer.parseInt(text.strip());
            if (port < 0 || port > 65535) {
                throw ServiceSettingsException.badValue(ServiceSetting.SERVER_PORT, raw, "must be a port in 0-65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw ServiceSettingsException.badValue(ServiceSetting.SERVER_PORT, raw, "must be a port number");
        }
    }

    private static Path dataDirectory(String raw, Path workingDirectory) {
        String text = nonEmpty(ServiceSetting.EMBEDDED_DATA_DIR, raw);
        try {
            return workingDirectory.resolve(text.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw ServiceSettingsException.badValue(ServiceSetting.EMBEDDED_DATA_DIR, raw, "is not a valid folder");
        }
    }

    private static boolean bool(ServiceSetting setting, String raw) {
        return switch (nonEmpty(setting, raw).strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ServiceSettingsException.badValue(setting, raw, "must be true or false");
        };
    }

    private static String nonEmpty(ServiceSetting setting, String raw) {
        if (raw.isBlank()) {
            throw ServiceSettingsException.badValue(setting, raw, "is set but empty");
        }
        return raw;
    }
}
