package dev.automigrate.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseConnectorTest {

    @Test
    void aMigratingSessionChecksForAVanishedClientSoAKilledInstanceReleasesItsLockPromptly() throws Exception {
        DatabaseConnector connector = new DatabaseConnector(PostgresFixture.newDatabase(), Duration.ofSeconds(5));
        try (Connection connection = connector.connect(MigrationListener.NONE);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("show client_connection_check_interval")) {
            result.next();
            assertEquals("1s", result.getString(1));
        }
    }
}
