package dev.automigrate.maven;

import dev.automigrate.core.ReportText;
import dev.automigrate.core.check.CheckReport;
import dev.automigrate.core.settings.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The pre-deploy gate. Fails the build when the database is unreachable (exit code 3), when
 * changesets are pending (exit code 1, unless {@code allowPending} or {@code rehearse}), when pending
 * SQL breaks an error-level safety rule nobody accepted (exit code 1), when their rehearsal fails
 * (exit code 1), or on drift (exit code 2), naming each changeset; passes otherwise. Always writes
 * the verdict as JSON to {@code target/migration/check.json}. Changes nothing in the database.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends AbstractMigrationMojo {

    /**
     * Lets pending changesets pass the check (they are still listed), e.g. when the service applies them
     * at startup. Drift and an unreachable database still fail.
     */
    @Parameter(property = "migration.allowPending", defaultValue = "false")
    private boolean allowPending;

    /**
     * Prints the SQL each pending changeset will run (it is always in {@code check.json}).
     */
    @Parameter(property = "migration.plan", defaultValue = "false")
    private boolean plan;

    /**
     * Also runs the pending changesets and their rollbacks for real, under the migration lock, in one
     * transaction that is rolled back at the end: failures that only real data shows (a unique index over
     * duplicates, NOT NULL on a column with nulls) and broken rollbacks fail the check. Holds the locks the
     * changesets take until that rollback, at most {@code rehearsalTimeout}. Pending changesets then pass
     * when their rehearsal does. The result is in {@code check.json} under {@code rehearsal}.
     */
    @Parameter(property = "migration.rehearse", defaultValue = "false")
    private boolean rehearse;

    /**
     * Where the machine-readable report is written.
     */
    @Parameter(property = "migration.checkReport", defaultValue = "${project.build.directory}/migration/check.json")
    private String checkReport;

    @Override
    protected void run(Settings settings) throws MojoFailureException, MojoExecutionException {
        CheckReport report = migrations(settings).check(flag("migration.allowPending", allowPending),
                flag("migration.rehearse", rehearse), new MavenLogListener(getLog()));
        Path json = Paths.get(text("migration.checkReport", checkReport));
        write(json, masked(report.toJson()));
        if (flag("migration.plan", plan)) {
            ReportText.plan(report).forEach(getLog()::info);
        }
        List<String> lines = ReportText.check(report);
        if (report.passed()) {
            lines.forEach(getLog()::info);
            getLog().info("Report: " + json);
            return;
        }
        lines.forEach(getLog()::error);
        getLog().error("Report: " + json);
        throw rejected(report.verdict(), "migration check failed:\n  " + String.join("\n  ", report.reasons()));
    }

    private static void write(Path file, String content) throws MojoExecutionException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the check report " + file + ": " + e.getMessage(), e);
        }
    }
}
