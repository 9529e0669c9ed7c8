package dev.automigrate.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plan's SQL and check.json quote a secret-looking parameter's value as {@code ***}, never as given. */
@MojoTest
class CheckMojoSecretsTest {
    private static final String SEARCH_PATH = "target/check-secrets-test";
    private static final String POM = "<project><build><plugins><plugin>"
            + "<artifactId>migration-maven-plugin</artifactId><configuration>"
            + "<searchPath>" + SEARCH_PATH + "</searchPath>"
            + "<parameters><api_token>tok3n\"value</api_token></parameters>"
            + "<plan>true</plan><checkReport>" + SEARCH_PATH + "/check.json</checkReport>"
            + "</configuration></plugin></plugins></build></project>";

    @Inject
    private MavenSession session;

    @BeforeEach
    void noSettingsFromTheEnvironment() {
        assumeTrue(System.getenv("MIGRATION_PARAMETERS") == null && System.getenv("DATABASE_URL") == null,
                "the environment configures this build");
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    void thePlanAndTheReportMaskTheValue(CheckMojo mojo) throws Exception {
        Path searchPath = Path.of(SEARCH_PATH).toAbsolutePath();
        new ChangeLogFolder(searchPath).sqlChangeSet("001-keys", "ana", "create table api_keys (k text)")
                .sqlChangeSet("002-key", "ana", "insert into api_keys values ('${api_token}')");
        session.getUserProperties().setProperty("migration.url",
                PostgresFixture.newDatabase().toString().replace("***", PostgresFixture.PASSWORD));
        List<String> logged = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                logged.add(content.toString());
            }

            @Override
            public void error(CharSequence content) {
                logged.add(content.toString());
            }
        });

        assertThrows(MojoFailureException.class, mojo::execute, "two changesets are pending");

        String report = Files.readString(searchPath.resolve("check.json"));
        assertTrue(logged.contains("insert into api_keys values ('***');"), logged::toString);
        assertTrue(report.contains("insert into api_keys values ('***')"), report);
        assertFalse(String.join("\n", logged).contains("tok3n") || report.contains("tok3n"), logged + report);
    }
}
