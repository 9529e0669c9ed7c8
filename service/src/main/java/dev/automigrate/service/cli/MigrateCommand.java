package dev.automigrate.service.cli;

import dev.automigrate.core.MigrationResult;
import dev.automigrate.core.ReportText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply every pending changeset; refuses on drift. Exit 0, 2 drift, 3 unreachable, 4 failed, 64 bad settings.")
public final class MigrateCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    public MigrateCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return environment.withMigrations(migrations -> {
            MigrationResult result = migrations.migrate(event -> environment.out().println(ReportText.event(event)));
            environment.out().println(ReportText.summary(result));
            return 0;
        });
    }
}
