package dev.automigrate.maven;

import dev.automigrate.core.ReportText;
import dev.automigrate.core.UsageException;
import dev.automigrate.core.generate.ChangeSetFileGenerator;
import dev.automigrate.core.generate.GeneratedChangeSet;
import dev.automigrate.core.generate.SchemaDiffGenerator;
import dev.automigrate.core.generate.SchemaDifference;
import dev.automigrate.core.generate.SchemaSource;
import dev.automigrate.core.settings.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * Creates a new changeset file {@code changes/<UTC yyyyMMddHHmmss>-<slug>.yaml} in the master changelog's folder and
 * includes it at the end of the master (YAML or XML). Never overwrites a file. Empty, to fill in (no database
 * needed); or, with {@code fromSchema} or {@code fromDatabase}, holding the changes that take the changelog's schema
 * to that one, found by Liquibase's diff on a throwaway embedded PostgreSQL and proven there before the file is
 * written. That PostgreSQL is resolved through Maven only then.
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

    /**
     * A SQL file with the schema you want ({@code CREATE TABLE …}), e.g. {@code db/schema.sql}: looked up in the
     * search path, then in the project's folder. The changeset holds what it takes to get there from the changelog.
     * {@code -Dmigration.fromSchema} wins over this element.
     */
    @Parameter(property = "migration.fromSchema")
    private String fromSchema;

    /**
     * A development database that has the schema you want (changed by hand), instead of a schema file; it is only
     * read. {@code -Dmigration.fromDatabase} wins over this element.
     */
    @Parameter(property = "migration.fromDatabase")
    private String fromDatabase;

    /**
     * Also write the changes that lose data ({@code dropTable}, {@code dropColumn}); without it they are listed and
     * left out. {@code -Dmigration.allowDrops} wins over this element.
     */
    @Parameter(property = "migration.allowDrops", defaultValue = "false")
    private boolean allowDrops;

    /**
     * Where the throwaway PostgreSQL keeps its cluster between runs, so that a second run starts in about a second.
     */
    @Parameter(defaultValue = "${project.build.directory}/automigrate/generate-postgres", readonly = true)
    private String scratchFolder;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    protected void run(Settings settings) throws MojoExecutionException {
        String what = text("migration.description", description);
        String who = text("migration.author", author);
        List<Path> folders = new ArrayList<>(settings.searchPath());
        folders.add(projectDirectory());
        Optional<SchemaSource> desired = SchemaSource.of(text("migration.fromSchema", fromSchema),
                text("migration.fromDatabase", fromDatabase), folders, "migration.fromSchema", "migration.fromDatabase");
        boolean drops = flag("migration.allowDrops", allowDrops);
        if (desired.isEmpty()) {
            if (drops) {
                throw new UsageException("migration.allowDrops goes with migration.fromSchema or migration.fromDatabase");
            }
            GeneratedChangeSet generated = new ChangeSetFileGenerator(Clock.systemUTC()).generate(settings.searchPath(),
                    settings.changeLog(), what, who);
            getLog().info("Created " + generated.file() + " (changeset " + generated.id() + " by "
                    + generated.author() + ")");
            getLog().info("Included it in " + generated.master());
            getLog().info("Write the change in it, then run mvn migration:migrate");
            return;
        }
        try (EmbeddedPostgresArtifacts postgres = EmbeddedPostgresArtifacts.resolve(repositorySystem,
                session().getRepositorySession(), project().getRemotePluginRepositories(), plugin.getGroupId(),
                plugin.getVersion())) {
            SchemaDifference difference = new SchemaDiffGenerator(settings, null,
                    () -> postgres.start(Path.of(scratchFolder), getLog().isDebugEnabled()), Clock.systemUTC())
                    .generate(what, who, desired.get(), drops);
            ReportText.generated(difference, "-Dmigration.allowDrops=true").forEach(getLog()::info);
        }
    }
}
