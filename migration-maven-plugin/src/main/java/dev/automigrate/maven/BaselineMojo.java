package dev.automigrate.maven;

import dev.automigrate.core.BaselineResult;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.settings.Settings;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Adopts a database whose schema was made by hand or by another tool: records every changeset of the changelog as
 * applied without running it, as Liquibase's changelog-sync does, printing each. Refuses when
 * {@code databasechangelog} already has rows (use {@code migrate}). Plain Liquibase then sees the database as up to
 * date too.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractMigrationMojo {

    /** Stop after this changeset (its id, or {@code path::id::author}); the later ones stay pending. */
    @Parameter(property = "migration.baseline.to")
    private String to;

    @Override
    protected void run(Settings settings) {
        BaselineResult result = migrations(settings).baseline(text("migration.baseline.to", to),
                new MavenLogListener(getLog()));
        getLog().info(ReportText.summary(result));
    }
}
