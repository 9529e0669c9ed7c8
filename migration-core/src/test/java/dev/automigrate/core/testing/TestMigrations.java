package dev.automigrate.core.testing;

import dev.automigrate.core.Migrations;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.settings.SettingsLayer;
import dev.automigrate.core.settings.SettingsResolver;
import dev.automigrate.core.settings.Source;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The commands on a test database and a changelog folder, configured as a user would: through the environment. */
public final class TestMigrations {
    private TestMigrations() {
    }

    /** The environment a user would set for this database: the URL and the password apart. */
    public static Map<String, String> environment(DatabaseUrl url, Path searchPath) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", url.withCredentials(null, null).masked().replace(":***@", "@"));
        environment.put("DATABASE_PASSWORD", PostgresFixture.PASSWORD);
        environment.put("MIGRATION_SEARCH_PATH", searchPath.toString());
        return environment;
    }

    public static Settings settings(DatabaseUrl url, Path searchPath, Map<String, String> extra) {
        Map<String, String> environment = environment(url, searchPath);
        environment.putAll(extra);
        return SettingsResolver.resolve(List.of(SettingsLayer.fromEnvironment(Source.ENVIRONMENT, environment)),
                searchPath);
    }

    public static Migrations of(DatabaseUrl url, Path searchPath) {
        return of(url, searchPath, Map.of());
    }

    public static Migrations of(DatabaseUrl url, Path searchPath, Map<String, String> extra) {
        return new Migrations(settings(url, searchPath, extra), null);
    }
}
