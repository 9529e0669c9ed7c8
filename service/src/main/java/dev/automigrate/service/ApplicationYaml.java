package dev.automigrate.service;

import dev.automigrate.core.ExitCode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code application.yaml} in the working directory. Only this file: the environment and {@code .env} are read by
 * {@link ServiceSettings}, with their own precedence. Not looked up on the classpath: the jar ships none, and a
 * resource that no jar holds makes the class loader open every one of the ~70 jars, a noticeable part of a start.
 * <p>
 * Read with SnakeYAML alone, into dotted keys ({@code migration.autoMigrate}, {@code server.port}, lists as
 * {@code key.0}), because starting Helidon Config for a handful of keys costs a command about a fifth of a
 * second; Helidon Config is built only when the file configures the web server beyond its host and port.
 *
 * @param values every leaf as a dotted key
 */
public record ApplicationYaml(Map<String, String> values, Path workingDirectory) {
    private static final String FILE = "application.yaml";
    private static final List<String> PLAIN_SERVER_KEYS = List.of("server.port", "server.host");

    public ApplicationYaml {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static ApplicationYaml load(Path workingDirectory) {
        Path file = workingDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new ApplicationYaml(Map.of(), workingDirectory);
        }
        try {
            return new ApplicationYaml(parse(Files.readString(file), file.toString()), workingDirectory);
        } catch (IOException e) {
            throw unreadable(file.toString(), e.getMessage());
        }
    }

    /** The {@code server.host} to listen on; Helidon's default when unset. */
    public String serverHost() {
        return values.getOrDefault("server.host", "0.0.0.0");
    }

    /** Whether the web server needs more than its host and port from this file (TLS, sockets, limits, …). */
    public boolean configuresServerBeyondHostAndPort() {
        return values.keySet().stream().anyMatch(key -> key.startsWith("server.") && !PLAIN_SERVER_KEYS.contains(key));
    }

    /** The same files through Helidon Config, for the web server's own settings. */
    public Config helidonConfig() {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.file(workingDirectory.resolve(FILE)).optional())
                .build();
    }

    static Map<String, String> parse(String text, String origin) {
        Object document;
        try (Reader reader = new StringReader(text)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException | IOException e) {
            throw unreadable(origin, e.getMessage().lines().findFirst().orElse("not YAML"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (document == null) {
            return values;
        }
        if (!(document instanceof Map<?, ?>)) {
            throw unreadable(origin, "its top level is not a mapping of keys to values");
        }
        flatten("", document, values);
        return values;
    }

    private static void flatten(String prefix, Object node, Map<String, String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix + key + ".", value, into));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + i + ".", list.get(i), into);
            }
        } else {
            into.put(prefix.substring(0, prefix.length() - 1), node == null ? "" : String.valueOf(node));
        }
    }

    private static ServiceSettingsException unreadable(String origin, String reason) {
        return new ServiceSettingsException(ExitCode.BAD_SETTINGS, origin + ": cannot be read: " + reason);
    }
}
