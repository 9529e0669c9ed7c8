package dev.automigrate.core.settings;

import java.util.EnumMap;
import java.util.Map;

/** The values one source supplies, by setting. A value that is present but empty counts as set. */
public record SettingsLayer(Source source, Map<Setting, String> values) {
    public SettingsLayer {
        values = Map.copyOf(values);
    }

    /** Picks the settings out of variables named as in the environment ({@code DATABASE_URL}, …). */
    public static SettingsLayer fromEnvironment(Source source, Map<String, String> variables) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = variables.get(setting.environmentVariable());
            if (value != null) {
                values.put(setting, value);
            }
        }
        return new SettingsLayer(source, values);
    }

    /** Picks the settings out of Maven-style properties ({@code migration.url}, …). */
    public static SettingsLayer fromProperties(Source source, Map<?, ?> properties) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            Object value = properties.get(setting.property());
            if (value != null) {
                values.put(setting, value.toString());
            }
        }
        return new SettingsLayer(source, values);
    }
}
