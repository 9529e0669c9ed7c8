package dev.automigrate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database migrated by plain Liquibase with the same search path is up to date here, and the reverse. */
class LiquibaseInteroperabilityTest {
    @TempDir
    Path resources;
    private DatabaseUrl url;

    @BeforeEach
    void setUp() {
        url = PostgresFixture.newDatabase();
        new ChangeLogFolder(resources)
                .sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id bigint primary key)");
    }

    private Migrations migrations() {
        return TestMigrations.of(url, resources);
    }

    private void plainLiquibaseUpdate() throws Exception {
        try (Connection connection = PostgresFixture.connect(url)) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(resources), () ->
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, ChangeLogFolder.MASTER)
                            .execute());
        }
    }

    @Test
    void plainLiquibaseThenAutomigrate() throws Exception {
        plainLiquibaseUpdate();
        DatabaseStatus status = migrations().status().status();
        assertTrue(status.upToDate(), status.toString());
        assertEquals(2, status.appliedCount());
    }

    @Test
    void automigrateThenPlainLiquibaseAppliesNothing() throws Exception {
        migrations().migrate(MigrationListener.NONE);
        plainLiquibaseUpdate();
        assertEquals(2, migrations().history().size());
        assertTrue(migrations().status().status().upToDate());
    }
}
