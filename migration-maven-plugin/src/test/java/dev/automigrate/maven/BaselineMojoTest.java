package dev.automigrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code migration:baseline} with {@code -Dmigration.baseline.to}, on a real database made by hand. */
@MojoTest
class BaselineMojoTest {
    private static final String SEARCH_PATH = "target/baseline-test";

    @Inject
    private MavenSession session;

    @BeforeEach
    void noDatabaseFromTheEnvironment() {
        assumeTrue(System.getenv("DATABASE_URL") == null, "the environment configures this build");
    }

    @Test
    @InjectMojo(goal = "baseline")
    @MojoParameter(name = "searchPath", value = SEARCH_PATH)
    void recordsUpToTheGivenChangeSetAndThenRefuses(BaselineMojo mojo) throws Exception {
        Path searchPath = Path.of(SEARCH_PATH).toAbsolutePath();
        new ChangeLogFolder(searchPath)
                .sqlChangeSet("001-crews", "ana", "create table crews (id int)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id int)");
        DatabaseUrl url = PostgresFixture.newDatabase();
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("create table crews (id int)");
        }
        session.getUserProperties().setProperty("migration.url", url.toString().replace("***", PostgresFixture.PASSWORD));
        session.getUserProperties().setProperty("migration.baseline.to", "001-crews");

        mojo.execute();

        assertEquals(List.of("001-crews EXECUTED"),
                PlainLiquibase.query(url, "select id || ' ' || exectype from databasechangelog"));
        Exception refused = assertThrows(Exception.class, mojo::execute);
        assertTrue(refused instanceof MojoFailureException, refused.toString());
        assertTrue(refused.getMessage().startsWith("Exit code 64 (BAD_SETTINGS): baseline refused"), refused.getMessage());
    }
}
