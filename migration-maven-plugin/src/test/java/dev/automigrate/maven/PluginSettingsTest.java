package dev.automigrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.settings.SettingsException;
import dev.automigrate.core.settings.SettingsLayer;
import dev.automigrate.core.settings.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The plugin's precedence: -D user property > {@code <configuration>} > environment > plugin default. */
class PluginSettingsTest {
    private static final Path PROJECT = Path.of("/work/project");

    private static Properties userProperties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    private static Settings resolve(Properties user, Map<Setting, String> configuration, Map<String, String> env) {
        return PluginSettings.resolve(PluginSettings.layers(user, configuration, env), PROJECT);
    }

    @Test
    void userPropertyBeatsConfigurationBeatsEnvironment() {
        Map<Setting, String> configuration = Map.of(Setting.DATABASE_URL, "postgresql://config@localhost/c");
        Map<String, String> env = Map.of("DATABASE_URL", "postgresql://env@localhost/e");

        Settings all = resolve(userProperties("migration.url", "postgresql://cli@localhost/d"), configuration, env);
        assertEquals("d", all.database().orElseThrow().database());
        assertEquals(Source.SYSTEM_PROPERTY, all.value(Setting.DATABASE_URL).source());

        Settings noCli = resolve(userProperties(), configuration, env);
        assertEquals("c", noCli.database().orElseThrow().database());
        assertEquals(Source.PLUGIN_CONFIGURATION, noCli.value(Setting.DATABASE_URL).source());

        Settings envOnly = resolve(userProperties(), Map.of(), env);
        assertEquals("e", envOnly.database().orElseThrow().database());
        assertEquals(Source.ENVIRONMENT, envOnly.value(Setting.DATABASE_URL).source());
    }

    @Test
    void eachSettingIsPickedOnItsOwn() {
        Settings settings = resolve(userProperties("migration.lockTimeout", "10s"),
                Map.of(Setting.DATABASE_URL, "postgresql://app:secret@localhost/c", Setting.MIGRATION_LOCK_TIMEOUT, "1m",
                        Setting.MIGRATION_CHANGELOG, "db/master.xml"),
                Map.of("DATABASE_PASSWORD", "from-env", "MIGRATION_CHANGELOG", "db/other.yaml"));

        assertEquals(10, settings.lockTimeout().toSeconds());
        assertEquals("db/master.xml", settings.changeLog());
        assertEquals("from-env", settings.database().orElseThrow().password());
        assertEquals(Source.ENVIRONMENT, settings.value(Setting.DATABASE_PASSWORD).source());
    }

    @Test
    void searchPathDefaultsToTheProjectsResources() {
        Settings settings = resolve(userProperties(), Map.of(), Map.of());

        assertEquals(List.of(PROJECT.resolve("src/main/resources")), settings.searchPath());
        assertEquals(Source.FRONT_END_DEFAULT, settings.value(Setting.MIGRATION_SEARCH_PATH).source());
        assertEquals("db/changelog/db.changelog-master.yaml", settings.changeLog());
        assertFalse(settings.database().isPresent());
    }

    @Test
    void relativeSearchPathIsResolvedAgainstTheProject() {
        Settings settings = resolve(userProperties("migration.searchPath", "db, /abs/other"), Map.of(), Map.of());

        assertEquals(List.of(PROJECT.resolve("db"), Path.of("/abs/other")), settings.searchPath());
    }

    @Test
    void anErrorNamesTheSettingAsTheLayerThatSuppliedItSpellsIt() {
        Map<Setting, String> configuration = Map.of(Setting.DATABASE_CONNECT_TIMEOUT, "soon");
        List<SettingsLayer> fromConfiguration = PluginSettings.layers(userProperties(), configuration, Map.of());
        SettingsException bad = assertThrows(SettingsException.class,
                () -> PluginSettings.resolve(fromConfiguration, PROJECT));

        assertEquals("<connectTimeout>='soon': must be a duration such as 30s, 2m, 500ms or a number of seconds",
                bad.messageNaming(PluginSettings.name(bad.setting(), fromConfiguration)));
        assertEquals("-Dmigration.connectTimeout", PluginSettings.name(Setting.DATABASE_CONNECT_TIMEOUT,
                PluginSettings.layers(userProperties("migration.connectTimeout", "x"), configuration, Map.of())));
        assertEquals("DATABASE_CONNECT_TIMEOUT", PluginSettings.name(Setting.DATABASE_CONNECT_TIMEOUT,
                PluginSettings.layers(userProperties(), Map.of(), Map.of("DATABASE_CONNECT_TIMEOUT", "x"))));
    }

    @Test
    void aMissingUrlIsNamedEveryWayItCanBeSet() {
        String name = PluginSettings.name(Setting.DATABASE_URL, PluginSettings.layers(userProperties(), Map.of(),
                Map.of()));

        assertEquals("DATABASE_URL, -Dmigration.url or <url>", name);
    }

    @Test
    void describedSettingsMaskThePasswordAndSayWhereEachCameFrom() {
        Settings settings = resolve(userProperties("migration.url", "postgresql://app:Hunter2-x@localhost/d"),
                Map.of(Setting.DATABASE_PASSWORD, "Other-Secret-9"), Map.of());

        String text = String.join("\n", settings.describe(Setting::property));
        assertFalse(text.contains("Hunter2-x"), text);
        assertFalse(text.contains("Other-Secret-9"), text);
        assertTrue(text.contains("migration.url"), text);
        assertTrue(text.contains("(-D user property)"), text);
        assertTrue(text.contains("(<configuration>)"), text);
    }
}
