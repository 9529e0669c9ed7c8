package dev.automigrate.maven;

import dev.automigrate.core.MigrationResult;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.ResetRequest;
import dev.automigrate.core.settings.Settings;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Development only: drops every object of the configured schema and applies the changelog again.
 * Refuses (exit code 64), saying which condition failed, unless {@code confirm} is true and every
 * database host is loopback or listed in {@code allowedHosts}.
 */
@Mojo(name = "reset", threadSafe = true)
public class ResetMojo extends AbstractMigrationMojo {

    /**
     * Confirms that every object of the schema may be dropped. Give it on the command line, not in the POM.
     */
    @Parameter(property = "migration.reset.confirm", defaultValue = "false")
    private boolean confirm;

    /**
     * Comma-separated database hosts, besides loopback, that may be reset (e.g. a shared development
     * server).
     */
    @Parameter(property = "migration.reset.allowedHosts", defaultValue = "")
    private String allowedHosts;

    @Override
    protected void run(Settings settings) throws MojoExecutionException {
        Set<String> hosts = Arrays.stream(text("migration.reset.allowedHosts", allowedHosts == null ? "" : allowedHosts)
                .split(",")).collect(Collectors.toSet());
        ResetRequest request = new ResetRequest(flag("migration.reset.confirm", confirm), hosts);
        MigrationResult result = migrations(settings).reset(request, new MavenLogListener(getLog()));
        getLog().info("Reset: dropped every object of the schema and applied the changelog again.");
        getLog().info(ReportText.summary(result));
    }
}
