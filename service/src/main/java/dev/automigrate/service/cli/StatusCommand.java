package dev.automigrate.service.cli;

import dev.automigrate.core.ReportText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show applied and pending changesets and drift, read-only. Exit 0, 3 unreachable, 64 bad settings.")
public final class StatusCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    public StatusCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return environment.withMigrations(migrations -> {
            ReportText.status(migrations.status()).forEach(environment.out()::println);
            return 0;
        });
    }
}
