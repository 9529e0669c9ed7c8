package dev.automigrate.maven;

import dev.automigrate.core.ReportText;
import dev.automigrate.core.settings.Settings;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Lists the applied changesets in the order they ran, with date, execution type and deployment id.
 * Reads the database only, so it also runs outside a project.
 */
@Mojo(name = "history", threadSafe = true, requiresProject = false)
public class HistoryMojo extends AbstractMigrationMojo {
    @Override
    protected void run(Settings settings) {
        ReportText.history(migrations(settings).history()).forEach(getLog()::info);
    }
}
