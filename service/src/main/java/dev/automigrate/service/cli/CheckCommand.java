package dev.automigrate.service.cli;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.check.CheckReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "The pre-deploy gate, read-only: drift, pending changesets, the SQL they will run and the "
                + "safety rules it breaks. Exit 0 passed, 1 pending or unsafe, 2 drift, 3 unreachable, 64 bad settings.")
public final class CheckCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Option(names = "--allow-pending", description = "Pass even when changesets are pending (drift still fails).")
    boolean allowPending;

    @Option(names = "--json", description = "Print the machine-readable report instead of text.")
    boolean json;

    @Option(names = "--plan", description = "Also print the SQL each pending changeset will run.")
    boolean plan;

    @Option(names = "--rehearse", description = "Also run the pending changesets and their rollbacks for real, under "
            + "the migration lock, in one transaction that is then rolled back (holding their locks until then, at "
            + "most MIGRATION_REHEARSAL_TIMEOUT); pending changesets pass when their rehearsal does.")
    boolean rehearse;

    public CheckCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return environment.withMigrations(migrations -> {
            // progress on stderr: each changeset's result is in the report
            CheckReport report = migrations.check(allowPending, rehearse, event -> {
                if (!(event instanceof MigrationEvent.ChangeSetRehearsed)) {
                    environment.err().println(ReportText.event(event));
                }
            });
            if (json) {
                environment.out().println(report.toJson());
            } else {
                if (plan) {
                    ReportText.plan(report).forEach(environment.out()::println);
                }
                ReportText.check(report).forEach(environment.out()::println);
            }
            return report.verdict().code();
        });
    }
}
