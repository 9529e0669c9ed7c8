package dev.automigrate.service;

/** The settings only the service has, named as in the environment and in {@code application.yaml}. */
public enum ServiceSetting {
    SERVER_PORT("SERVER_PORT", "server.port", "8080"),
    EMBEDDED_DATA_DIR("EMBEDDED_DATA_DIR", "migration.embedded.dataDir", "./data/postgres"),
    EMBEDDED_DATABASE("EMBEDDED_DATABASE", "migration.embedded.enabled", "true"),
    LOG_FORMAT("LOG_FORMAT", "logging.format", "text");

    private final String environmentVariable;
    private final String yamlKey;
    private final String defaultValue;

    ServiceSetting(String environmentVariable, String yamlKey, String defaultValue) {
        this.environmentVariable = environmentVariable;
        this.yamlKey = yamlKey;
        this.defaultValue = defaultValue;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String yamlKey() {
        return yamlKey;
    }

    public String defaultValue() {
        return defaultValue;
    }
}
