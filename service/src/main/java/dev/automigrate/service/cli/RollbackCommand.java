package dev.automigrate.service.cli;

import dev.automigrate.core.ReportText;
import dev.automigrate.core.rollback.RollbackPlan;
import dev.automigrate.core.rollback.RollbackTarget;
import dev.automigrate.core.status.AppliedChangeSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Undo applied changesets: the last N, everything after a tag, or everything after a date. "
                + "Without --confirm it prints the plan (changesets and SQL) and changes nothing. "
                + "A changeset without a rollback stops it before anything runs. Exit 0, 3, 4, 64.")
public final class RollbackCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Option(names = "--count", paramLabel = "N", description = "Roll back the last N changesets.")
    String count;

    @Option(names = "--to-tag", paramLabel = "TAG", description = "Roll back everything applied after this tag.")
    String tag;

    @Option(names = "--to-date", paramLabel = "DATE",
            description = "Roll back everything applied after this moment (ISO-8601, e.g. 2026-11-01T12:00:00Z).")
    String date;

    @Option(names = "--confirm", description = "Actually roll back; without it only the plan is printed.")
    boolean confirm;

    public RollbackCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        RollbackTarget target = RollbackTarget.of(count, tag, date, "--count, --to-tag or --to-date");
        return environment.withMigrations(migrations -> {
            RollbackPlan plan = migrations.rollbackPlan(target);
            ReportText.rollbackPlan(plan).forEach(environment.out()::println);
            plan.requireRollbackable();
            if (!confirm) {
                environment.out().println("Nothing was changed: add --confirm to roll back.");
                return 0;
            }
            List<AppliedChangeSet> undone = migrations.rollback(target,
                    event -> environment.out().println(ReportText.event(event)));
            environment.out().println("Rolled back " + undone.size() + " changeset" + (undone.size() == 1 ? "" : "s")
                    + ".");
            return 0;
        });
    }
}
