package dev.automigrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The goals as Maven configures them (maven-plugin-testing-harness): {@code <configuration>} reaches the
 * settings, an explicit {@code -D} wins over it, and errors name what the user wrote. No database is needed:
 * every case stops before connecting.
 */
@MojoTest
class MigrationMojoConfigurationTest {
    private static final String CONFIGURED = "<project><build><plugins><plugin>"
            + "<artifactId>migration-maven-plugin</artifactId><configuration>"
            + "<url>mysql://app:Secret-In-Pom-1@localhost/app</url>"
            + "</configuration></plugin></plugins></build></project>";

    @Inject
    private MavenSession session;

    @BeforeEach
    void noDatabaseInTheEnvironment() {
        assumeTrue(System.getenv("DATABASE_URL") == null, "DATABASE_URL is set for this build");
    }

    @Test
    @InjectMojo(goal = "status")
    void aMissingUrlNamesTheVariableTheUserPropertyAndTheElement(StatusMojo mojo) {
        MojoExecutionException failure = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(failure.getMessage().startsWith("Exit code 64 (BAD_SETTINGS): DATABASE_URL, -Dmigration.url or <url>:"
                + " is not set"), failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "status", pom = CONFIGURED)
    void aBadConfiguredUrlIsNamedAsTheElementWithThePasswordMasked(StatusMojo mojo) {
        MojoExecutionException failure = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(failure.getMessage().startsWith("Exit code 64 (BAD_SETTINGS): <url>='mysql://app:***@localhost/app'"),
                failure.getMessage());
        assertTrue(!failure.getMessage().contains("Secret-In-Pom-1"), failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "status", pom = CONFIGURED)
    void anExplicitUserPropertyWinsOverTheConfiguration(StatusMojo mojo) {
        session.getUserProperties().setProperty("migration.url", "oracle://cli@localhost/app");

        MojoExecutionException failure = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(failure.getMessage().contains("-Dmigration.url='oracle://cli@localhost/app'"), failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "migrate")
    @MojoParameter(name = "lockRetryBudget", value = "3x")
    void aBadLockRetryBudgetIsNamedAsTheElement(MigrateMojo mojo) {
        MojoExecutionException failure = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("Exit code 64 (BAD_SETTINGS): <lockRetryBudget>='3x': must be a duration such as 30s, 2m, 500ms"
                + " or a number of seconds", failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "migrate")
    @MojoParameter(name = "lockRetryBudget", value = "3x")
    void anExplicitLockRetryBudgetWinsOverTheElement(MigrateMojo mojo) {
        session.getUserProperties().setProperty("migration.lockRetryBudget", "0");

        MojoExecutionException failure = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(failure.getMessage().contains("DATABASE_URL, -Dmigration.url or <url>: is not set"),
                failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "skip", value = "true")
    void skipStopsBeforeAnySettingIsRead(CheckMojo mojo) throws Exception {
        mojo.execute();
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "skip", value = "true")
    void anExplicitSkipFalseWinsOverConfiguredSkip(CheckMojo mojo) {
        session.getUserProperties().setProperty("migration.skip", "false");

        MojoExecutionException failure = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(failure.getMessage().contains("is not set"), failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "generate")
    @MojoParameter(name = "searchPath", value = "target/generate-test")
    @MojoParameter(name = "author", value = "ana")
    void generateNeedsNoDatabaseAndTakesTheDescriptionFromTheUserProperty(GenerateMojo mojo) throws Exception {
        Path folder = Path.of("target/generate-test/db/changelog");
        deleteRecursively(Path.of("target/generate-test"));
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("db.changelog-master.yaml"), "databaseChangeLog: []\n");
        session.getUserProperties().setProperty("migration.description", "Add crew budget");

        mojo.execute();

        try (Stream<Path> files = Files.list(folder.resolve("changes"))) {
            Path file = files.findFirst().orElseThrow();
            assertTrue(file.getFileName().toString().matches("\\d{14}-add-crew-budget\\.yaml"), file.toString());
            assertTrue(Files.readString(file).contains("author: \"ana\""));
        }
        assertTrue(Files.readString(folder.resolve("db.changelog-master.yaml")).contains("file: changes/"));
    }

    @Test
    @InjectMojo(goal = "generate")
    void generateRefusesWithoutADescription(GenerateMojo mojo) {
        Exception failure = assertThrows(Exception.class, mojo::execute);

        assertEquals("Exit code 64 (BAD_SETTINGS): generate needs a description of the change, e.g. \"add crew budget\"",
                failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "generate")
    @MojoParameter(name = "searchPath", value = "target/generate-test")
    void generateFromASchemaFileThatIsNotThereNamesItAndResolvesNothing(GenerateMojo mojo) {
        session.getUserProperties().setProperty("migration.description", "add missions");
        session.getUserProperties().setProperty("migration.fromSchema", "db/nowhere.sql");

        Exception failure = assertThrows(Exception.class, mojo::execute);

        assertTrue(failure.getMessage().startsWith("Exit code 64 (BAD_SETTINGS): migration.fromSchema='db/nowhere.sql': "
                + "not a file in "), failure.getMessage());
        assertTrue(failure.getMessage().contains("target/generate-test"), failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "generate")
    @MojoParameter(name = "allowDrops", value = "true")
    void allowDropsGoesWithASchema(GenerateMojo mojo) {
        session.getUserProperties().setProperty("migration.description", "add missions");

        Exception failure = assertThrows(Exception.class, mojo::execute);

        assertEquals("Exit code 64 (BAD_SETTINGS): migration.allowDrops goes with migration.fromSchema or "
                + "migration.fromDatabase", failure.getMessage());
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
