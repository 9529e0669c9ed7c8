package dev.automigrate.maven;

import dev.automigrate.core.generate.ChangeSetFileGenerator;
import dev.automigrate.core.generate.GeneratedChangeSet;
import dev.automigrate.core.settings.Settings;
import java.time.Clock;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Creates a new changeset file {@code changes/<UTC yyyyMMddHHmmss>-<slug>.yaml} in the master
 * changelog's folder and includes it at the end of the master (YAML or XML). Never overwrites a file.
 * Needs no database.
 */
@Mojo(name = "generate", threadSafe = true)
public class GenerateMojo extends AbstractMigrationMojo {

    /**
     * What the change does, e.g. {@code add crew budget}: it names the file and becomes the
     * changeset's comment. Required.
     */
    @Parameter(property = "migration.description")
    private String description;

    /**
     * The changeset's author; your user name unless given.
     */
    @Parameter(property = "migration.author", defaultValue = "${user.name}")
    private String author;

    @Override
    protected void run(Settings settings) {
        GeneratedChangeSet generated = new ChangeSetFileGenerator(Clock.systemUTC()).generate(settings.searchPath(),
                settings.changeLog(), text("migration.description", description), text("migration.author", author));
        getLog().info("Created " + generated.file() + " (changeset " + generated.id() + " by " + generated.author()
                + ")");
        getLog().info("Included it in " + generated.master());
        getLog().info("Write the change in it, then run mvn migration:migrate");
    }
}
