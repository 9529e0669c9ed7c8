package dev.automigrate.core.settings;

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
        return raw;
    }
}
