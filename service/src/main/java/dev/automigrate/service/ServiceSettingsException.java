package dev.automigrate.service;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationException;

/** A service-only setting whose value cannot be used (exit 64), or an embedded database that cannot start. */
public final class ServiceSettingsException extends MigrationException {
    public ServiceSettingsException(ExitCode exitCode, String message) {
        super(exitCode, message, null);
    }

    public static ServiceSettingsException badValue(ServiceSetting setting, String value, String reason) {
        return new ServiceSettingsException(ExitCode.BAD_SETTINGS,
                setting.environmentVariable() + "='" + value + "': " + reason);
    }
}
