package dev.automigrate.service;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationException;
import dev.automigrate.service.cli.BaselineCommand;
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
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar migration-service.jar [serve|migrate|status|check|history|generate|reset|tag|rollback|baseline]}: the service,
 * or one command with the same settings and exit codes as the Maven goals.
 */
@Command(name = "migration-service", mixinStandardHelpOptions = true, version = "automigrate 0.1.0-SNAPSHOT",
        description = "Liquibase migrations on PostgreSQL: the service (default: serve) and its commands.",
        footer = "%nSettings come from the environment, then .env in the working directory, then application.yaml.%n"
                + "Exit codes: 0 ok, 1 pending (check), 2 drift, 3 database unreachable, 4 migration failed, 64 bad settings or usage.")
public final class Main implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    /** Every command's name, in the order help lists them. */
    static final List<String> COMMANDS = List.of("serve", "migrate", "status", "check", "history", "generate",
            "reset", "tag", "rollback", "baseline", "settings");
    /** Commands that take no option or parameter at all besides help. */
    static final Set<String> WITHOUT_OPTIONS = Set.of("serve", "migrate", "status", "history", "settings");

    private final CommandEnvironment environment;

    private Main(CommandEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        LoggingSetup.configure(workingDirectory);
        int code = run(args, new CommandEnvironment(System.getenv(), workingDirectory, System.out, System.err));
        System.exit(code);
    }

    /** A switch rather than a map of constructors: only the command that runs is loaded. */
    private static Callable<Integer> command(String name, CommandEnvironment environment) {
        return switch (name) {
            case "serve" -> new ServeCommand(environment);
            case "migrate" -> new MigrateCommand(environment);
            case "status" -> new StatusCommand(environment);
            case "check" -> new CheckCommand(environment);
            case "history" -> new HistoryCommand(environment);
            case "generate" -> new GenerateCommand(environment);
            case "reset" -> new ResetCommand(environment);
            case "tag" -> new TagCommand(environment);
            case "rollback" -> new RollbackCommand(environment);
            case "baseline" -> new BaselineCommand(environment);
            case "settings" -> new SettingsCommand(environment);
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** Runs one command line to its exit code; {@code serve} returns only when the service stops. */
    public static int run(String[] args, CommandEnvironment given) {
        // serve logs through the masking log format; every other command prints reports that may quote a secret
        CommandEnvironment environment = args.length == 0 || args[0].equals("serve") ? given : given.maskingSecrets();
        if (args.length == 0 || args.length == 1 && WITHOUT_OPTIONS.contains(args[0])) {
            // nothing to parse: skip starting picocli, about a tenth of a second of every service start and
            // every container's `migrate`; what picocli would do with such a line is exactly this
            String name = args.length == 0 ? "serve" : args[0];
            try {
                return command(name, environment).call();
            } catch (Exception e) {
                return failed(e, environment.err());
            }
        }
        return commandLine(environment, args).execute(args);
    }

    /**
     * Registers only the command named first when there is one: picocli reads each command's annotations
     * when it is registered, which would cost every run tens of milliseconds for commands it does not run.
     * Help, a bare option or an unknown name get every command, so usage and "did you mean" list them all.
     */
    static CommandLine commandLine(CommandEnvironment environment, String... args) {
        CommandLine commandLine = new CommandLine(new Main(environment));
        String named = args.length == 0 ? null : args[0];
        for (String name : COMMANDS) {
            if (named == null || !COMMANDS.contains(named) || named.equals(name)) {
                commandLine.addSubcommand(name, command(name, environment));
            }
        }
        commandLine.setOut(new PrintWriter(environment.out(), true));
        commandLine.setErr(new PrintWriter(environment.err(), true));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> failed(e, environment.err()));
        commandLine.setParameterExceptionHandler((e, unmatched) -> {
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
