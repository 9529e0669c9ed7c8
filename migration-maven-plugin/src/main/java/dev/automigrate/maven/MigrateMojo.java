package dev.automigrate.maven;

import dev.automigrate.core.MigrationResult;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.settings.Settings;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Applies every pending changeset, printing each as it goes, then a summary. Refuses on drift
 * (exit code 2); a failing changeset fails the build naming the changeset, its file and the
 * database's error (exit code 4).
 */
@Mojo(name = "migrate", threadSafe = true)
public class MigrateMojo extends AbstractMigrationMojo {
    @Override
    protected void run(Settings settings) {
        MigrationResult result = migrations(settings).migrate(new MavenLogListener(getLog()));
        getLog().info(ReportText.summary(result));
    }
}
