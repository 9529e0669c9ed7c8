package dev.automigrate.service.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Print every setting, its value and where it came from, secrets masked. Exit 0, 64 bad settings.")
public final class SettingsCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    public SettingsCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        environment.settings().describe().forEach(environment.out()::println);
        return 0;
    }
}
