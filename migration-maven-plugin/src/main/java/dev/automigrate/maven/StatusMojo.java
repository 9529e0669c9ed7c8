package dev.automigrate.maven;

import dev.automigrate.core.ReportText;
import dev.automigrate.core.settings.Settings;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints the connection (masked URL, server version), the current and latest revision, the applied
 * count and each pending changeset. Never changes the database, not even by creating the tracking
 * tables, and never fails on what it finds: use {@code migration:check} as a gate.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractMigrationMojo {
    @Override
    protected void run(Settings settings) {
        ReportText.status(migrations(settings).status()).forEach(getLog()::info);
    }
}
