package dev.automigrate.core.settings;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationException;

/**
 * A setting whose value cannot be used. Carries the setting and the (already masked) value, so a
 * front end can reword it in its own syntax ({@code <url>} in a POM, {@code DATABASE_URL} in the service).
 */
public final class SettingsException extends MigrationException {
    private final Setting setting;
    private final String maskedValue;
    private final String reason;

    public SettingsException(Setting setting, String maskedValue, String reason) {
        super(ExitCode.BAD_SETTINGS, format(setting.environmentVariable(), maskedValue, reason), null);
        this.setting = setting;
        this.maskedValue = maskedValue;
        this.reason = reason;
    }

    public Setting setting() {
        return setting;
    }

    public String maskedValue() {
        return maskedValue;
    }

    public String reason() {
        return reason;
    }

    /** The same message with the setting named as the front end names it. */
    public String messageNaming(String settingName) {
        return format(settingName, maskedValue, reason);
    }

    private static String format(String name, String value, String reason) {
        return value == null ? name + ": " + reason : name + "='" + value + "': " + reason;
    }
}
