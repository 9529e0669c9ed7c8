package dev.automigrate.maven;

import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.settings.SettingsLayer;
import dev.automigrate.core.settings.SettingsResolver;
import dev.automigrate.core.settings.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The plugin's view of the settings: which layers it stacks, in which order, and how it names a setting
 * in messages. Plain Java, so the precedence is tested without Maven.
 */
final class PluginSettings {
    /** Where the plugin looks for changelogs when nothing else is set, relative to the project's folder. */
    static final String DEFAULT_SEARCH_PATH = "src/main/resources";

    private PluginSettings() {
    }

    /**
     * Highest precedence first: explicit {@code -D} user properties, then {@code <configuration>}, then
     * the environment, then the plugin's defaults.
     */
    static List<SettingsLayer> layers(Map<?, ?> userProperties, Map<Setting, String> configuration,
                                      Map<String, String> environment) {
        return List.of(
                SettingsLayer.fromProperties(Source.SYSTEM_PROPERTY, userProperties),
                new SettingsLayer(Source.PLUGIN_CONFIGURATION, configuration),
                SettingsLayer.fromEnvironment(Source.ENVIRONMENT, environment),
                new SettingsLayer(Source.FRONT_END_DEFAULT, Map.of(Setting.MIGRATION_SEARCH_PATH, DEFAULT_SEARCH_PATH)));
    }

    static Settings resolve(List<SettingsLayer> layers, Path projectDirectory) {
        return SettingsResolver.resolve(layers, projectDirectory);
    }

    /**
     * How to name a setting in an error: as the layer that supplied the value spells it (so the user
     * knows what to fix), or every way to set it when no layer did.
     */
    static String name(Setting setting, List<SettingsLayer> layers) {
        for (SettingsLayer layer : layers) {
            if (layer.values().containsKey(setting)) {
                return switch (layer.source()) {
                    case SYSTEM_PROPERTY -> "-D" + setting.property();
                    case PLUGIN_CONFIGURATION -> "<" + setting.parameter() + ">";
                    case ENVIRONMENT -> setting.environmentVariable();
                    default -> setting.property();
                };
            }
        }
        return everyName(setting);
    }

    /** A {@code <parameters>} map as the list {@code MIGRATION_PARAMETERS} takes: commas and backslashes escaped. */
    static String parameterList(Map<String, String> parameters) {
        StringBuilder list = new StringBuilder();
        parameters.forEach((name, value) -> list.append(list.isEmpty() ? "" : ",").append(name).append('=')
                .append(value == null ? "" : value.replace("\\", "\\\\").replace(",", "\\,")));
        return list.toString();
    }

    /** {@code DATABASE_URL, -Dmigration.url or <url>}. */
    static String everyName(Setting setting) {
        return setting.environmentVariable() + ", -D" + setting.property() + " or <" + setting.parameter() + ">";
    }
}
