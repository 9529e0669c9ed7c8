package dev.automigrate.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.ExitCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            postgresql://app:s3cret@db.example.com:5433/orders          | app  | s3cret  | db.example.com | 5433 | orders
            postgres://app:s3cret@db.example.com/orders                 | app  | s3cret  | db.example.com | 5432 | orders
            jdbc:postgresql://db.example.com:5432/orders?user=app&password=s3cret | app | s3cret | db.example.com | 5432 | orders
            postgresql://app@localhost/orders                           | app  |         | localhost      | 5432 | orders
            postgresql://localhost:6543/orders                          |      |         | localhost      | 6543 | orders
            postgresql://app:p%40ss%3Aw%2Fd@h/orders                    | app  | p@ss:w/d | h             | 5432 | orders
            postgresql://us%20er:pw@h/orders                            | us er | pw     | h              | 5432 | orders
            postgresql://app:pa@ss@h:1/orders                           | app  | pa@ss   | h              | 1    | orders
            postgresql://app:pw@[::1]:5432/orders                       | app  | pw      | ::1            | 5432 | orders
            postgresql://app:pw@[2001:db8::7]/orders                    | app  | pw      | 2001:db8::7    | 5432 | orders
            POSTGRESQL://app:pw@h/orders                                | app  | pw      | h              | 5432 | orders
            postgresql://app:pw@h/my%20db                               | app  | pw      | h              | 5432 | my db
            postgresql://app:@h/orders                                  | app  |         | h              | 5432 | orders
            """)
    void parsesTheForms(String raw, String user, String password, String host, int port, String database) {
        DatabaseUrl url = DatabaseUrl.parse(raw);
        assertEquals(user, url.user());
        assertEquals(password == null ? null : password, emptyToNull(url.password()));
        assertEquals(host, url.host());
        assertEquals(port, url.port());
        assertEquals(database, url.database());
    }

    @Test
    void keepsQueryParametersAndMovesCredentialsOut() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgresql://h/orders?sslmode=require&user=app&password=pw&options=-c%20search_path%3Dapp");
        assertEquals(Map.of("sslmode", "require", "options", "-c search_path=app"), url.parameters());
        assertEquals("app", url.user());
        assertEquals("pw", url.password());
        assertEquals("jdbc:postgresql://h:5432/orders?sslmode=require&options=-c%20search_path%3Dapp", url.jdbcUrl());
        assertFalse(url.jdbcUrl().contains("pw"));
    }

    @Test
    void severalHostsForFailOver() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:pw@a:5432,b:5433,[::1]/orders?targetServerType=primary");
        assertEquals(3, url.hosts().size());
        assertEquals(new DatabaseUrl.HostAndPort("b", 5433), url.hosts().get(1));
        assertEquals("jdbc:postgresql://a:5432,b:5433,[::1]:5432/orders?targetServerType=primary", url.jdbcUrl());
    }

    @Test
    void masksThePasswordEverywhereItIsShown() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cret@db:5432/orders?password=ignored");
        assertEquals("postgresql://app:***@db:5432/orders", url.toString());
        assertEquals("postgresql://app:***@db:5432/orders", url.masked());
        assertEquals("FATAL: *** rejected", url.maskSecrets("FATAL: s3cret rejected"));
        DatabaseUrl encoded = DatabaseUrl.parse("postgresql://app:p%40ss%20w@db/orders");
        assertEquals("a *** b *** c ***", encoded.maskSecrets("a p@ss w b p%40ss+w c p%40ss%20w"));
        assertFalse(encoded.toString().contains("p%40ss"));
    }

    @Test
    void credentialsCanBeOverridden() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:pw@db/orders").withCredentials("admin", "other");
        assertEquals("admin", url.user());
        assertEquals("other", url.password());
        assertEquals("postgresql://admin:***@db:5432/orders", url.masked());
        DatabaseUrl kept = DatabaseUrl.parse("postgresql://app:pw@db/orders").withCredentials(null, null);
        assertEquals("app", kept.user());
        assertEquals("pw", kept.password());
    }

    @Test
    void jdbcPropertiesCarryTheCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:pw@db/orders");
        assertEquals("app", url.jdbcProperties().getProperty("user"));
        assertEquals("pw", url.jdbcProperties().getProperty("password"));
        assertNull(DatabaseUrl.parse("postgres://db/orders").jdbcProperties().getProperty("password"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {
            "mysql://app:s3cret@h/orders",
            "postgresql//app:s3cret@h/orders",
            "postgresql://app:s3cret@/orders",
            "postgresql://app:s3cret@h:port/orders",
            "postgresql://app:s3cret@h:70000/orders",
            "postgresql://app:s3cret@h:0/orders",
            "postgresql://app:s3cret@h/orders/extra",
            "postgresql://app:s3cret@h",
            "postgresql://app:s3cret@h/",
            "postgresql://app:s3cret@[::1/orders",
            "postgresql://app:s3cret@::1/orders",
            "postgresql://app:s3cret@h/orders%zz",
            "postgresql://:s3cret@h/orders",
            "postgresql://app:s3cret@h%/orders",
            "postgresql://app:s3cret@h:/orders",
            "postgresql://app:s3cret@h,/orders",
            "postgresql://app:s3cret@bad host/orders",
            "jdbc:mysql://app:s3cret@h/orders",
            "   ",
            ""
    })
    void rejectsMalformedUrlsNamingTheSettingButNotThePassword(String raw) {
        SettingsException error = assertThrows(SettingsException.class, () -> DatabaseUrl.parse(raw));
        assertEquals(Setting.DATABASE_URL, error.setting());
        assertEquals(ExitCode.BAD_SETTINGS, error.exitCode());
        assertTrue(error.getMessage().startsWith("DATABASE_URL"), error.getMessage());
        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
        assertTrue(error.messageNaming("<url>").startsWith("<url>"));
    }

    @Test
    void aMalformedUrlShowsItsMaskedValue() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> DatabaseUrl.parse("postgresql://app:s3cret@h:99999/orders"));
        assertEquals("DATABASE_URL='postgresql://app:***@h:99999/orders': has a port outside 1-65535: 99999",
                error.getMessage());
        SettingsException query = assertThrows(SettingsException.class,
                () -> DatabaseUrl.parse("postgresql://h:x/orders?password=s3cret"));
        assertFalse(query.getMessage().contains("s3cret"), query.getMessage());
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
