package dev.automigrate.service.cli;

import dev.automigrate.core.MigrationResult;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.ResetRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Development only: drop every object of the schema and migrate again. "
                + "Refuses without --confirm, and on a host that is not loopback unless allowed. Exit 0, 3, 4, 64.")
public final class ResetCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Option(names = "--confirm", description = "Confirm that everything in the schema may be dropped.")
    boolean confirm;

    @Option(names = "--allow-host", paramLabel = "HOST", description = "A non-loopback host that may be reset (repeatable).")
    List<String> allowedHosts = List.of();

    public ResetCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return environment.withMigrations(migrations -> {
            MigrationResult result = migrations.reset(new ResetRequest(confirm, new LinkedHashSet<>(allowedHosts)),
                    event -> environment.out().println(ReportText.event(event)));
            environment.out().println(ReportText.summary(result));
            return 0;
        });
    }
}
