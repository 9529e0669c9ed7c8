package dev.automigrate.maven;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.settings.Settings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Tags the current database state (the most recently applied changeset), as a point to roll back to. */
@Mojo(name = "tag", threadSafe = true, requiresProject = false)
public class TagMojo extends AbstractMigrationMojo {

    /** The tag, e.g. {@code v1.4.0}. Required. */
    @Parameter(property = "migration.tag")
    private String tag;

    @Override
    protected void run(Settings settings) throws MojoFailureException {
        String name = text("migration.tag", tag);
        if (name == null || name.isBlank()) {
            throw rejected(ExitCode.BAD_SETTINGS, "a tag is required: -Dmigration.tag=v1.4.0");
        }
        migrations(settings).tag(name);
        getLog().info("Tagged the current state as " + name.strip() + ".");
    }
}
