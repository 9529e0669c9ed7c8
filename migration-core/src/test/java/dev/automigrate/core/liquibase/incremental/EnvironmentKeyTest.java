package dev.automigrate.core.liquibase.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import liquibase.database.core.H2Database;
import liquibase.database.core.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** Records hold only for the Liquibase, settings and database type they were made under. */
class EnvironmentKeyTest {

    @Test
    void theSameEnvironmentGivesTheSameKeyAndAnyLiquibaseSettingAnother() {
        String key = EnvironmentKey.of(new PostgresDatabase());
        assertEquals(key, EnvironmentKey.of(new PostgresDatabase()));
        assertNotEquals(key, EnvironmentKey.of(new H2Database()), "a change for some databases counts only on those");
        System.setProperty("liquibase.fileEncoding", "ISO-8859-1");
        try {
            assertNotEquals(key, EnvironmentKey.of(new PostgresDatabase()));
        } finally {
            System.clearProperty("liquibase.fileEncoding");
        }
        assertEquals(key, EnvironmentKey.of(new PostgresDatabase()));
    }
}
