package dev.automigrate.service;

import dev.automigrate.core.settings.SecretMasker;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Logger;

/** How the service writes its log: {@code text} lines for people, or one JSON object per line for log collectors. */
public enum LogFormat {
    TEXT, JSON;

    /** {@code text} or {@code json}, any case; anything else is a bad setting (exit 64) naming LOG_FORMAT. */
    public static LogFormat parse(String raw) {
        return switch (raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw ServiceSettingsException.badValue(ServiceSetting.LOG_FORMAT, raw, "must be text or json");
        };
    }

    /**
     * Puts this format on the root logger's handlers. {@code TEXT} keeps the configured format
     * (logging.properties); {@code JSON} also masks {@code secrets} in every line.
     */
    public void install(SecretMasker secrets) {
        if (this == JSON) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.setFormatter(new JsonLogFormatter(secrets));
            }
        }
    }
}
