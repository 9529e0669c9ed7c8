package dev.automigrate.service;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationException;
import dev.automigrate.service.cli.CheckCommand;
import dev.automigrate.service.cli.CommandEnvironment;
import dev.automigrate.service.cli.GenerateCommand;
import dev.automigrate.service.cli.HistoryCommand;
import dev.automigrate.service.cli.MigrateCommand;
import dev.automigrate.service.cli.ResetCommand;
import dev.automigrate.service.cli.RollbackCommand;
import dev.automigrate.service.cli.ServeCommand;
import dev.automigrate.service.cli.SettingsCommand;
import dev.automigrate.service.cli.StatusCommand;
import dev.automigrate.service.cli.TagCommand;
import io.helidon.logging.common.LogConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar migration-service.jar [serve|migrate|status|check|history|generate|reset|tag|rollback]}: the service,
 * or one command with the same settings and exit codes as the Maven goals.
 */
@Command(name = "migration-service", mixinStandardHelpOptions = true, version = "automigrate 0.1.0-SNAPSHOT",
        description = "Liquibase migrations on PostgreSQL: the service (default: serve) and its commands.",
        footer = "%nSettings come from the environment, then .env in the working directory, then application.yaml.%n"
                + "Exit codes: 0 ok, 1 pending (check), 2 drift, 3 database unreachable, 4 migration failed, 64 bad settings or usage.")
public final class Main implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    static {
        // The jar ships a sample changelog at the default path; a project's own changelog at that path in
        // the working directory must win over it (folders come first), not fail as a duplicate.
        if (System.getProperty("liquibase.duplicateFileMode") == null) {
            System.setProperty("liquibase.duplicateFileMode", "WARN");
        }
    }

    private final CommandEnvironment environment;

    private Main(CommandEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        int code = run(args, new CommandEnvironment(System.getenv(), Path.of("").toAbsolutePath(), System.out,
                System.err));
        System.exit(code);
    }

    /** Runs one command line to its exit code; {@code serve} returns only when the service stops. */
    public static int run(String[] args, CommandEnvironment environment) {
        return commandLine(environment).execute(args);
    }

    static CommandLine commandLine(CommandEnvironment environment) {
        CommandLine commandLine = new CommandLine(new Main(environment))
                .addSubcommand(new ServeCommand(environment))
                .addSubcommand(new MigrateCommand(environment))
                .addSubcommand(new StatusCommand(environment))
                .addSubcommand(new CheckCommand(environment))
                .addSubcommand(new HistoryCommand(environment))
                .addSubcommand(new GenerateCommand(environment))
                .addSubcommand(new ResetCommand(environment))
                .addSubcommand(new TagCommand(environment))
                .addSubcommand(new RollbackCommand(environment))
                .addSubcommand(new SettingsCommand(environment));
        commandLine.setOut(new PrintWriter(environment.out(), true));
        commandLine.setErr(new PrintWriter(environment.err(), true));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> failed(e, environment.err()));
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCode.BAD_SETTINGS.code();
        });
        return commandLine;
    }

    private static int failed(Exception e, PrintStream err) {
        if (e instanceof MigrationException failure) {
            // the core's messages are one line, masked, and name the setting: no stack trace
            err.println("error: " + failure.getMessage());
            return failure.exitCode().code();
        }
        LOG.log(Level.SEVERE, "unexpected failure", e);
        err.println("error: " + e);
        return ExitCode.MIGRATION_FAILED.code();
    }

    @Override
    public Integer call() throws InterruptedException {
        return new ServeCommand(environment).call();
    }
}
