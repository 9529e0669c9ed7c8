package dev.automigrate.it.plugin;

import dev.automigrate.it.DistinctivePassword;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every goal, run with a password full of URL-special characters (in the URL, percent-encoded, and alone in
 * DATABASE_PASSWORD), also with -X and when failing: the password appears in no output, log or report.
 */
class PluginSecretScanIT {

    @Test
    void noGoalShowsThePassword() {
        FixtureProject project = FixtureProject.copy("crews", "secret-scan");
        String database = DistinctivePassword.newDatabase();
        Map<String, String> inUrl = Map.of("DATABASE_URL", DistinctivePassword.urlWithPassword(database));
        Map<String, String> apart = Map.of("DATABASE_URL", DistinctivePassword.urlWithoutPassword(database),
                "DATABASE_PASSWORD", DistinctivePassword.PLAIN);

        List<MavenRun> runs = List.of(
                ChildMaven.run(project, inUrl, "-X", "migration:status", "migration:check").failed(),
                ChildMaven.run(project, inUrl, "migration:migrate", "migration:status", "migration:check",
                        "migration:history", "migration:tag", "-Dmigration.tag=v1").succeeded(),
                ChildMaven.run(project, apart, "-X", "migration:status", "migration:check", "migration:history",
                        "migration:rollback", "-Dmigration.rollback.count=1", "migration:help").succeeded(),
                ChildMaven.run(project, apart, "migration:reset", "-Dmigration.reset.confirm=true",
                        "migration:generate", "-Dmigration.description=scan").succeeded(),
                // failures print the URL and the driver's reason: still masked
                ChildMaven.run(project, Map.of("DATABASE_URL", DistinctivePassword.urlWithPassword("no_such_db")),
                        "migration:migrate").failed(),
                ChildMaven.run(project, Map.of("DATABASE_URL", DistinctivePassword.urlWithoutPassword(database),
                        "DATABASE_PASSWORD", DistinctivePassword.PLAIN + "-wrong"), "migration:check").failed());
        for (MavenRun run : runs) {
            DistinctivePassword.assertAbsent(run.command(), run.output());
        }
        DistinctivePassword.assertAbsentFromFiles(project.root());
    }
}
