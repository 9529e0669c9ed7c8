package dev.automigrate.maven;

import dev.automigrate.core.Migrations;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.rollback.RollbackPlan;
import dev.automigrate.core.rollback.RollbackTarget;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.status.AppliedChangeSet;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Undoes applied changesets: the last {@code count}, everything after {@code tag}, or everything after
 * {@code date}. Without {@code confirm} it prints the plan (each changeset and its SQL) and changes
 * nothing. A changeset without a rollback stops it before anything runs, naming the changeset.
 */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends AbstractMigrationMojo {

    /** Roll back the last N changesets. */
    @Parameter(property = "migration.rollback.count")
    private String count;

    /** Roll back everything applied after the changeset carrying this tag. */
    @Parameter(property = "migration.rollback.tag")
    private String tag;

    /** Roll back everything applied after this moment, ISO-8601 ({@code 2026-11-01T12:00:00Z}). */
    @Parameter(property = "migration.rollback.date")
    private String date;

    /** Actually roll back; without it the goal only prints the plan. */
    @Parameter(property = "migration.rollback.confirm", defaultValue = "false")
    private boolean confirm;

    @Override
    protected void run(Settings settings) throws MojoExecutionException {
        RollbackTarget target = RollbackTarget.of(text("migration.rollback.count", count),
                text("migration.rollback.tag", tag), text("migration.rollback.date", date),
                "-Dmigration.rollback.count, -Dmigration.rollback.tag or -Dmigration.rollback.date");
        Migrations migrations = migrations(settings);
        RollbackPlan plan = migrations.rollbackPlan(target);
        ReportText.rollbackPlan(plan).forEach(getLog()::info);
        plan.requireRollbackable();
        if (!flag("migration.rollback.confirm", confirm)) {
            getLog().info("Nothing was changed: add -Dmigration.rollback.confirm=true to roll back.");
            return;
        }
        List<AppliedChangeSet> undone = migrations.rollback(target, new MavenLogListener(getLog()));
        getLog().info("Rolled back " + undone.size() + " changeset" + (undone.size() == 1 ? "" : "s") + ".");
    }
}
