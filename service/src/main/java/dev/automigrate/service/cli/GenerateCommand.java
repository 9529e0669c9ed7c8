package dev.automigrate.service.cli;

import dev.automigrate.core.ReportText;
import dev.automigrate.core.UsageException;
import dev.automigrate.core.generate.ChangeSetFileGenerator;
import dev.automigrate.core.generate.GeneratedChangeSet;
import dev.automigrate.core.generate.SchemaDiffGenerator;
import dev.automigrate.core.generate.SchemaDifference;
import dev.automigrate.core.generate.SchemaSource;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.embedded.ThrowawayPostgres;
import dev.automigrate.service.ScratchFolder;
import dev.automigrate.service.ServiceSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Create changes/<timestamp>-<description>.yaml beside the master changelog (in MIGRATION_SEARCH_PATH "
                + "or the working directory) and include it in the master: empty, to fill in, or with --from-schema or "
                + "--from-database the changes that take the changelog's schema there, proven on an embedded PostgreSQL "
                + "first. Exit 0 (also when there is nothing to generate), 3 database unreachable, 4 the changes do not "
                + "apply, 64 bad usage or a schema file PostgreSQL rejects.")
public final class GenerateCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Parameters(arity = "1..*", paramLabel = "DESCRIPTION", description = "What the changeset does, e.g. add crew budget.")
    List<String> description;

    @Option(names = "--author", description = "The changeset's author (default: $USER).")
    String author;

    @Option(names = "--from-schema", paramLabel = "FILE", description = "A SQL file of the schema you want (CREATE "
            + "TABLE …), looked up in MIGRATION_SEARCH_PATH, then the working directory.")
    String fromSchema;

    @Option(names = "--from-database", paramLabel = "URL", description = "A development database that has the schema "
            + "you want; it is only read.")
    String fromDatabase;

    @Option(names = "--allow-drops", description = "Also write dropTable and dropColumn, which lose data; without it "
            + "they are listed and left out.")
    boolean allowDrops;

    public GenerateCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ServiceSettings serviceSettings = environment.settings();
        Settings settings = serviceSettings.migration();
        String who = author != null ? author : environment.variables().getOrDefault("USER", "automigrate");
        List<Path> folders = new ArrayList<>(settings.searchPath());
        folders.add(environment.workingDirectory());
        Optional<SchemaSource> desired = SchemaSource.of(fromSchema, fromDatabase, folders, "--from-schema",
                "--from-database");
        if (desired.isEmpty()) {
            if (allowDrops) {
                throw new UsageException("--allow-drops goes with --from-schema or --from-database");
            }
            GeneratedChangeSet generated = new ChangeSetFileGenerator(Clock.systemUTC())
                    .generate(settings.searchPath(), settings.changeLog(), String.join(" ", description), who);
            environment.out().println("Created " + generated.file() + " (changeset " + generated.id() + " by "
                    + generated.author() + "), included in " + generated.master());
            return 0;
        }
        Path scratch = ScratchFolder.of(environment.variables(), serviceSettings.embeddedDataDirectory());
        SchemaDifference difference = new SchemaDiffGenerator(settings, Thread.currentThread().getContextClassLoader(),
                () -> ThrowawayPostgres.start(scratch), Clock.systemUTC())
                .generate(String.join(" ", description), who, desired.get(), allowDrops);
        ReportText.generated(difference, "--allow-drops").forEach(environment.out()::println);
        return 0;
    }
}
