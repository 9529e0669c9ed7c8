package dev.automigrate.service;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code application.yaml}: from the working directory if present, else from the classpath. Only this
 * file: the environment and {@code .env} are read by {@link ServiceSettings}, with their own precedence.
 */
public final class ApplicationYaml {
    private ApplicationYaml() {
    }

    public static Config load(Path workingDirectory) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.file(workingDirectory.resolve("application.yaml")).optional(),
                        ConfigSources.classpath("application.yaml").optional())
                .build();
    }

    /** Every leaf as a dotted key: {@code migration.autoMigrate}, {@code server.port}, … */
    public static Map<String, String> flatten(Config config) {
        return config.asMap().orElse(Map.of());
    }
}
