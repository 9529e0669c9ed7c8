package dev.automigrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.FilteredChangeLog;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <contexts>}, {@code <labels>} and the {@code <parameters>} map as Maven injects them, on a real database:
 * two migrates do what two runs of plain Liquibase with the same settings do.
 */
@MojoTest
class FilteredMigrateMojoTest {
    private static final String SEARCH_PATH = "target/filtered-migrate-test";
    private static final String PROD = "<project><build><plugins><plugin>"
            + "<artifactId>migration-maven-plugin</artifactId><configuration>"
            + "<searchPath>" + SEARCH_PATH + "</searchPath>"
            + "<contexts>prod</contexts><labels>!billing</labels>"
            + "<parameters><deploy_note>v1.4</deploy_note></parameters>"
            + "</configuration></plugin></plugins></build></project>";

    @Inject
    private MavenSession session;

    @BeforeEach
    void noFilterFromTheEnvironment() {
        assumeTrue(System.getenv("MIGRATION_CONTEXTS") == null && System.getenv("DATABASE_URL") == null,
                "the environment configures this build");
    }

    @Test
    @InjectMojo(goal = "migrate", pom = PROD)
    void theConfiguredFilterAndParametersDoWhatLiquibaseDoes(MigrateMojo mojo) throws Exception {
        Path searchPath = Path.of(SEARCH_PATH).toAbsolutePath();
        FilteredChangeLog.write(searchPath);
        DatabaseUrl ours = PostgresFixture.newDatabase();
        DatabaseUrl plain = PostgresFixture.newDatabase();
        session.getUserProperties().setProperty("migration.url", ours.toString().replace("***", PostgresFixture.PASSWORD));

        for (int run = 1; run <= 2; run++) {
            mojo.execute();
            FilteredChangeLog.prodLiquibase(searchPath).update(plain);
            assertEquals(PlainLiquibase.rows(plain), PlainLiquibase.rows(ours));
            assertEquals(FilteredChangeLog.data(plain), FilteredChangeLog.data(ours));
        }
    }
}
