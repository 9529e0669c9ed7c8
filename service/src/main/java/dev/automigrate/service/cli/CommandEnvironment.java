package dev.automigrate.service.cli;

import dev.automigrate.core.MigrationException;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.settings.SecretMasker;
import dev.automigrate.service.EmbeddedDatabase;
import dev.automigrate.service.ServiceSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * What a command runs in: the environment variables (injected, so tests need not touch the real
 * ones), the working directory with its {@code .env}, and where to print.
 */
public record CommandEnvironment(Map<String, String> variables, Path workingDirectory, PrintStream out,
                                 PrintStream err, ServiceSettings resolved) {
    private static final Logger LOG = Logger.getLogger("dev.automigrate.service.Settings");

    /**
     * @param resolved the settings already resolved from these variables and folder, or null
     */
    public CommandEnvironment {
        variables = Map.copyOf(variables);
    }

    public CommandEnvironment(Map<String, String> variables, Path workingDirectory, PrintStream out, PrintStream err) {
        this(variables, workingDirectory, out, err, null);
    }

    /**
     * The same environment printing through a mask of the values of secret-looking changelog parameters, which the
     * SQL of {@code check --plan}, a JSON report or a database error may quote; itself when there are none or the
     * settings cannot be resolved (the command then reports that, masked, by itself).
     */
    public CommandEnvironment maskingSecrets() {
        ServiceSettings settings;
        try {
            settings = ServiceSettings.resolve(variables, workingDirectory);
        } catch (MigrationException e) {
            return this;
        }
        SecretMasker secrets = settings.migration().parameterSecrets();
        return secrets.isEmpty() ? new CommandEnvironment(variables, workingDirectory, out, err, settings)
                : new CommandEnvironment(variables, workingDirectory, masking(out, secrets), masking(err, secrets),
                        settings);
    }

    private static PrintStream masking(PrintStream stream, SecretMasker secrets) {
        return new PrintStream(new MaskingOutputStream(stream, secrets, stream.charset()), true, stream.charset());
    }

    /** Resolves the settings and logs them (at FINE: commands keep their output short), secrets masked. */
    public ServiceSettings settings() {
        ServiceSettings settings = resolved != null ? resolved : ServiceSettings.resolve(variables, workingDirectory);
        LOG.fine("Settings (environment > .env > application.yaml > default):\n  "
                + String.join("\n  ", settings.describe()));
        return settings;
    }

    /** Runs one command against the configured database, or against the embedded one while it lasts. */
    public int withMigrations(Function<Migrations, Integer> command) {
        ServiceSettings settings = settings();
        ClassLoader classpath = Thread.currentThread().getContextClassLoader();
        if (!settings.usesEmbeddedDatabase()) {
            return command.apply(new Migrations(settings.migration(), classpath));
        }
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(settings.embeddedDataDirectory())) {
            return command.apply(new Migrations(settings.withDatabase(embedded.url()).migration(), classpath));
        }
    }
}
