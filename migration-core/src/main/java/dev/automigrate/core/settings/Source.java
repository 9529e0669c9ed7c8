package dev.automigrate.core.settings;

/** Where a setting's value came from, as a front end tells its user. */
public enum Source {
    COMMAND_LINE("command line"),
    SYSTEM_PROPERTY("-D user property"),
    PLUGIN_CONFIGURATION("<configuration>"),
    ENVIRONMENT("environment"),
    DOTENV_FILE(".env file"),
    APPLICATION_YAML("application.yaml"),
    FRONT_END_DEFAULT("default"),
    DEFAULT("default");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
