package dev.automigrate.service.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Tag the current state (the most recently applied changeset) as a point to roll back to. "
                + "Exit 0, 3, 64.")
public final class TagCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Parameters(index = "0", paramLabel = "TAG", description = "The tag, e.g. v1.4.0.")
    String tag;

    public TagCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return environment.withMigrations(migrations -> {
            migrations.tag(tag);
            environment.out().println("Tagged the current state as " + tag.strip() + ".");
            return 0;
        });
    }
}
