package dev.automigrate.service.cli;

import dev.automigrate.core.generate.ChangeSetFileGenerator;
import dev.automigrate.core.generate.GeneratedChangeSet;
import dev.automigrate.core.settings.Settings;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Create changes/<timestamp>-<description>.yaml beside the master changelog (in MIGRATION_SEARCH_PATH "
                + "or the working directory) and include it in the master. Needs no database. Exit 0, 64.")
public final class GenerateCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Parameters(arity = "1..*", paramLabel = "DESCRIPTION", description = "What the changeset does, e.g. add crew budget.")
    List<String> description;

    @Option(names = "--author", description = "The changeset's author (default: $USER).")
    String author;

    public GenerateCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Settings settings = environment.settings().migration();
        String who = author != null ? author : environment.variables().getOrDefault("USER", "automigrate");
        GeneratedChangeSet generated = new ChangeSetFileGenerator(Clock.systemUTC())
                .generate(settings.searchPath(), settings.changeLog(), String.join(" ", description), who);
        environment.out().println("Created " + generated.file() + " (changeset " + generated.id() + " by "
                + generated.author() + "), included in " + generated.master());
        return 0;
    }
}
