package dev.automigrate.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.changelog.ChangeSetFilter;
import dev.automigrate.core.startup.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsResolverTest {
    private static final Path BASE = Path.of("/project");

    private static Settings resolve(SettingsLayer... layers) {
        return SettingsResolver.resolve(List.of(layers), BASE);
    }

    private static SettingsLayer env(Map<String, String> variables) {
        return SettingsLayer.fromEnvironment(Source.ENVIRONMENT, variables);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Settings settings = resolve();
        assertTrue(settings.database().isEmpty());
        assertTrue(settings.autoMigrate());
        assertTrue(settings.failOnError());
        assertEquals("db/changelog/db.changelog-master.yaml", settings.changeLog());
        assertEquals(Duration.ofSeconds(30), settings.connectTimeout());
        assertEquals(Duration.ofMinutes(5), settings.lockTimeout());
        assertEquals(Duration.ofSeconds(1), settings.statementLockTimeout());
        assertEquals(Duration.ofMinutes(3), settings.lockRetryBudget());
        assertEquals(Duration.ofMinutes(5), settings.rehearsalTimeout());
        assertEquals(List.of(), settings.searchPath());
        assertEquals(Mode.AUTOMATIC, settings.policy().mode());
        assertEquals(Source.DEFAULT, settings.value(Setting.AUTO_MIGRATE_ON_STARTUP).source());
    }

    @Test
    void theFirstLayerThatHasASettingWins() {
        SettingsLayer commandLine = SettingsLayer.fromProperties(Source.SYSTEM_PROPERTY,
                Map.of("migration.autoMigrate", "false"));
        SettingsLayer configuration = new SettingsLayer(Source.PLUGIN_CONFIGURATION,
                Map.of(Setting.AUTO_MIGRATE_ON_STARTUP, "true", Setting.MIGRATION_LOCK_TIMEOUT, "2m"));
        SettingsLayer environment = env(Map.of("AUTO_MIGRATE_ON_STARTUP", "true", "MIGRATION_LOCK_TIMEOUT", "9m",
                "DATABASE_CONNECT_TIMEOUT", "45", "DATABASE_URL", "postgres://app:pw@db/orders"));
        Settings settings = resolve(commandLine, configuration, environment);

        assertFalse(settings.autoMigrate());
        assertEquals(Source.SYSTEM_PROPERTY, settings.value(Setting.AUTO_MIGRATE_ON_STARTUP).source());
        assertEquals(Duration.ofMinutes(2), settings.lockTimeout());
        assertEquals(Source.PLUGIN_CONFIGURATION, settings.value(Setting.MIGRATION_LOCK_TIMEOUT).source());
        assertEquals(Duration.ofSeconds(45), settings.connectTimeout());
        assertEquals(Source.ENVIRONMENT, settings.value(Setting.DATABASE_CONNECT_TIMEOUT).source());
        assertEquals("db", settings.databaseUrl().host());
    }

    @Test
    void userAndPasswordOverrideTheUrl() {
        Settings settings = resolve(env(Map.of("DATABASE_URL", "postgres://app:pw@db/orders",
                "DATABASE_USER", "admin", "DATABASE_PASSWORD", "t0ps3cret")));
        assertEquals("admin", settings.databaseUrl().user());
        assertEquals("t0ps3cret", settings.databaseUrl().password());
    }

    @Test
    void describesItselfWithSourcesAndNoSecret() {
        Settings settings = resolve(
                SettingsLayer.fromProperties(Source.SYSTEM_PROPERTY, Map.of("migration.failOnError", "FALSE")),
                env(Map.of("DATABASE_URL", "postgres://app:urlpass@db/orders", "DATABASE_PASSWORD", "t0ps3cret")));
        String text = String.join("\n", settings.describe());
        assertFalse(text.contains("urlpass"), text);
        assertFalse(text.contains("t0ps3cret"), text);
        assertTrue(text.contains("DATABASE_URL"), text);
        assertTrue(text.contains("postgres://app:***@db:5432/orders  (environment)"), text);
        assertTrue(text.contains("DATABASE_PASSWORD") && text.contains("= ***  (environment)"), text);
        assertTrue(text.contains("FAIL_ON_MIGRATION_ERROR") && text.contains("= FALSE  (-D user property)"), text);
        assertTrue(text.contains("MIGRATION_LOCK_TIMEOUT") && text.contains("= 5m  (default)"), text);
        String maven = String.join("\n", settings.describe(Setting::property));
        assertTrue(maven.contains("migration.url"), maven);
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", " True ,true", "false,false", "FaLsE,false"})
    void booleansAreTrueOrFalseInAnyCase(String raw, boolean expected) {
        assertEquals(expected, resolve(env(Map.of("AUTO_MIGRATE_ON_STARTUP", raw))).autoMigrate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "tru", "false!"})
    void aBooleanThatIsNotTrueOrFalseNamesTheVariableAndTheValue(String raw) {
        SettingsException error = assertThrows(SettingsException.class,
                () -> resolve(env(Map.of("FAIL_ON_MIGRATION_ERROR", raw))));
        assertEquals(Setting.FAIL_ON_MIGRATION_ERROR, error.setting());
        assertEquals("FAIL_ON_MIGRATION_ERROR='" + raw + "': must be true or false", error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"30s,30000", "2m,120000", "500ms,500", "1h,3600000", "45,45000", " 10 s ,10000"})
    void durations(String raw, long millis) {
        assertEquals(Duration.ofMillis(millis),
                resolve(env(Map.of("DATABASE_CONNECT_TIMEOUT", raw))).connectTimeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5s", "5 days", "1.5m"})
    void aBadDurationNamesTheVariable(String raw) {
        SettingsException error = assertThrows(SettingsException.class,
                () -> resolve(env(Map.of("MIGRATION_LOCK_TIMEOUT", raw))));
        assertTrue(error.getMessage().startsWith("MIGRATION_LOCK_TIMEOUT='" + raw + "'"), error.getMessage());
    }

    @Test
    void theRehearsalTimeoutIsADurationLongerThanZero() {
        assertEquals(Duration.ofSeconds(90), resolve(env(Map.of("MIGRATION_REHEARSAL_TIMEOUT", "90s"))).rehearsalTimeout());
        for (String raw : List.of("0", "0s", "soon")) {
            SettingsException error = assertThrows(SettingsException.class,
                    () -> resolve(env(Map.of("MIGRATION_REHEARSAL_TIMEOUT", raw))));
            assertTrue(error.getMessage().startsWith("MIGRATION_REHEARSAL_TIMEOUT='" + raw + "'"), error.getMessage());
            assertEquals(ExitCode.BAD_SETTINGS, error.exitCode());
        }
    }

    @ParameterizedTest
    @CsvSource({"0,0", "90s,90000", "10m,600000", "2500ms,2500", "120,120000"})
    void theLockRetryBudgetIsADurationAndZeroMeansNoRetries(String raw, long millis) {
        assertEquals(Duration.ofMillis(millis), resolve(env(Map.of("MIGRATION_LOCK_RETRY_BUDGET", raw))).lockRetryBudget());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3x", "forever", "-1m", "1.5m", ""})
    void aBadLockRetryBudgetNamesTheSettingAndExits64(String raw) {
        SettingsException error = assertThrows(SettingsException.class,
                () -> resolve(env(Map.of("MIGRATION_LOCK_RETRY_BUDGET", raw))));
        assertEquals(Setting.MIGRATION_LOCK_RETRY_BUDGET, error.setting());
        assertTrue(error.getMessage().startsWith("MIGRATION_LOCK_RETRY_BUDGET"), error.getMessage());
        assertTrue(error.getMessage().contains(raw.isEmpty() ? "is set but empty" : "'" + raw + "'"), error.getMessage());
        assertEquals(64, error.exitCode().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DATABASE_URL", "AUTO_MIGRATE_ON_STARTUP", "MIGRATION_CHANGELOG", "MIGRATION_SEARCH_PATH",
            "DATABASE_CONNECT_TIMEOUT", "DATABASE_USER", "DATABASE_PASSWORD"})
    void aSettingThatIsSetButEmptyIsAnError(String variable) {
        SettingsException error = assertThrows(SettingsException.class, () -> resolve(env(Map.of(variable, ""))));
        assertEquals(variable, error.setting().environmentVariable());
    }

    @Test
    void searchPathFoldersAreResolvedAgainstTheBaseDirectory() {
        Settings settings = resolve(env(Map.of("MIGRATION_SEARCH_PATH", "src/main/resources, /abs/migrations")));
        assertEquals(List.of(Path.of("/project/src/main/resources"), Path.of("/abs/migrations")),
                settings.searchPath());
    }

    @Test
    void theClasspathIsACandidateOnlyWhileNobodySetTheSearchPath() {
        ClassLoader classpath = getClass().getClassLoader();
        SettingsLayer frontEndDefault = new SettingsLayer(Source.FRONT_END_DEFAULT,
                Map.of(Setting.MIGRATION_SEARCH_PATH, "."));
        assertEquals(classpath, resolve(frontEndDefault).changeLogLocation(classpath).classpath());
        assertNull(resolve(env(Map.of("MIGRATION_SEARCH_PATH", "migrations")), frontEndDefault)
                .changeLogLocation(classpath).classpath(), "a copy on the classpath would be a second candidate");
    }

    @Test
    void contextsLabelsAndParametersAreReadAsLiquibaseTakesThem() {
        Settings settings = resolve(env(Map.of("MIGRATION_CONTEXTS", " prod ", "MIGRATION_LABELS", "!billing",
                "MIGRATION_PARAMETERS", "deploy_note=v1.4\\, hotfix,api_token=tok=en,path=c:\\\\x")));
        assertEquals(new ChangeSetFilter("prod", "!billing"), settings.filter());
        assertEquals(Map.of("deploy_note", "v1.4, hotfix", "api_token", "tok=en", "path", "c:\\x"),
                settings.parameters().values());
        assertEquals("deploy_note=v1.4\\, hotfix,api_token=***,path=c:\\\\x",
                settings.value(Setting.MIGRATION_PARAMETERS).display());
        assertEquals("deploy_note=v1.4, hotfix, api_token=***, path=c:\\x", settings.parameters().describe());
        assertTrue(resolve().filter().isEmpty());
        assertTrue(resolve().parameters().isEmpty());
    }

    @Test
    void theSecretsToMaskAreThePasswordAndTheValuesOfSecretLookingParameters() {
        Settings settings = resolve(env(Map.of("DATABASE_URL", "postgresql://app:pw-in-url@db/app",
                "MIGRATION_PARAMETERS", "api_token=tok-1,app_password=pw-2,deploy_note=v1.4")));
        assertEquals("insert ***, ***, ***, v1.4",
                settings.secrets().mask("insert pw-in-url, tok-1, pw-2, v1.4"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            deploy_note                  | 'deploy_note' has no '='
            a=1,=2                       | '' is not a parameter name
            a=1,a=2                      | names parameter 'a' twice
            db_password=hunter2,oops     | 'oops' has no '='
            """)
    void aBadParameterListNamesTheEntryAndNeverShowsASecret(String raw, String reason) {
        SettingsException error = assertThrows(SettingsException.class,
                () -> resolve(env(Map.of("MIGRATION_PARAMETERS", raw))));
        assertEquals(Setting.MIGRATION_PARAMETERS, error.setting());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    @Test
    void aChangelogOfAnUnknownFormatIsAnError() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> resolve(env(Map.of("MIGRATION_CHANGELOG", "db/changelog.txt"))));
        assertEquals(Setting.MIGRATION_CHANGELOG, error.setting());
    }

    @Test
    void aMalformedUrlIsReportedMasked() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> resolve(env(Map.of("DATABASE_URL", "postgres://app:s3cret@db:99/"))));
        assertFalse(error.getMessage().contains("s3cret"));
        assertNull(resolve().databaseUrl());
    }
}
