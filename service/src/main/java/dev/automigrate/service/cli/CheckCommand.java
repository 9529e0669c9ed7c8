package dev.automigrate.service.cli;

import dev.automigrate.core.CheckReport;
import dev.automigrate.core.ReportText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "The pre-deploy gate, read-only. Exit 0 up to date, 1 pending, 2 drift, 3 unreachable, 64 bad settings.")
public final class CheckCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Option(names = "--allow-pending", description = "Pass even when changesets are pending (drift still fails).")
    boolean allowPending;

    @Option(names = "--json", description = "Print the machine-readable report instead of text.")
    boolean json;

    public CheckCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return environment.withMigrations(migrations -> {
            CheckReport report = migrations.check(allowPending);
            if (json) {
                environment.out().println(report.toJson());
            } else {
                ReportText.check(report).forEach(environment.out()::println);
            }
            return report.verdict().code();
        });
    }
}
