package dev.automigrate.core.settings;

import dev.automigrate.core.changelog.Parameters;

/** One resolved setting: its raw text, where it came from, and how to show it. */
public record SettingValue(Setting setting, String raw, Source source) {
    /** The value as it may be shown: secrets and URL passwords masked. */
    public String display() {
        if (raw == null) {
            return "(not set)";
        }
        if (setting.secret()) {
            return "***";
        }
        if (setting == Setting.DATABASE_URL) {
            return SettingsResolver.maskUrlText(raw);
        }
        if (setting == Setting.MIGRATION_PARAMETERS) {
            return Parameters.mask(raw);
        }
        return raw;
    }
}
