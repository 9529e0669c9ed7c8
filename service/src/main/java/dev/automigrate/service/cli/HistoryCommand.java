package dev.automigrate.service.cli;

import dev.automigrate.core.ReportText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the applied changesets in execution order. Exit 0, 3 unreachable, 64 bad settings.")
public final class HistoryCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    public HistoryCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return environment.withMigrations(migrations -> {
            ReportText.history(migrations.history()).forEach(environment.out()::println);
            return 0;
        });
    }
}
