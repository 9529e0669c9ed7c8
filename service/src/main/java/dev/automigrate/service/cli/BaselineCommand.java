package dev.automigrate.service.cli;

import dev.automigrate.core.BaselineResult;
import dev.automigrate.core.ReportText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Adopt an existing database: record every changeset (up to --to) as applied without running it, "
                + "as Liquibase's changelog-sync. Refuses when databasechangelog has rows. Exit 0, 3, 4, 64.")
public final class BaselineCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Option(names = "--to", paramLabel = "ID",
            description = "Stop after this changeset (its id, or path::id::author); later ones stay pending.")
    String through;

    public BaselineCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return environment.withMigrations(migrations -> {
            BaselineResult result = migrations.baseline(through,
                    event -> environment.out().println(ReportText.event(event)));
            environment.out().println(ReportText.summary(result));
            return 0;
        });
    }
}
