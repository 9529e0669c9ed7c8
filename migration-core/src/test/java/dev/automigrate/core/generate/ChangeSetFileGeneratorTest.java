package dev.automigrate.core.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.MigrationResult;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.UsageException;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.settings.SettingsLayer;
import dev.automigrate.core.settings.SettingsResolver;
import dev.automigrate.core.settings.Source;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeSetFileGeneratorTest {
    private static final Clock NOV_1 = Clock.fixed(Instant.parse("2026-11-01T09:08:07Z"), ZoneOffset.UTC);
    private final ChangeSetFileGenerator generator = new ChangeSetFileGenerator(NOV_1);

    @TempDir
    Path resources;

    @Test
    void slugKeepsLettersAndDigitsJoinedByDashes() {
        assertEquals("add-crew-budget", ChangeSetFileGenerator.slug("  Add crew budget! "));
        assertEquals("creer-l-equipe-2", ChangeSetFileGenerator.slug("Créer l'équipe #2"));
        assertEquals("", ChangeSetFileGenerator.slug("!!!"));
        assertEquals(60, ChangeSetFileGenerator.slug("x".repeat(100)).length());
    }

    @Test
    void createsATimestampedFileAndIncludesItInAYamlMasterThatMigrateApplies() throws IOException {
        new ChangeLogFolder(resources).sqlChangeSet("001-crews", "ana", "create table crews (id bigint primary key)");

        GeneratedChangeSet generated = generator.generate(List.of(resources), ChangeLogFolder.MASTER,
                "Add crew budget", "bo");

        assertEquals("20261101090807-add-crew-budget", generated.id());
        assertEquals(resources.resolve("db/changelog/changes/20261101090807-add-crew-budget.yaml"), generated.file());
        String master = Files.readString(resources.resolve(ChangeLogFolder.MASTER));
        assertTrue(master.endsWith("  - include:\n      file: changes/20261101090807-add-crew-budget.yaml\n"
                + "      relativeToChangelogFile: true\n"), master);
        assertTrue(master.contains("file: changes/001-crews.yaml"), master);

        DatabaseUrl url = PostgresFixture.newDatabase();
        Settings settings = SettingsResolver.resolve(List.of(SettingsLayer.fromEnvironment(Source.ENVIRONMENT, Map.of(
                "DATABASE_URL", "postgresql://postgres:postgres@localhost:" + url.port() + "/" + url.database(),
                "MIGRATION_SEARCH_PATH", resources.toString()))), resources);
        MigrationResult result = new Migrations(settings, null).migrate(MigrationListener.NONE);
        assertEquals(List.of("001-crews", "20261101090807-add-crew-budget"),
                result.applied().stream().map(a -> a.changeSet().id()).toList());
        assertEquals("db/changelog/changes/20261101090807-add-crew-budget.yaml",
                result.applied().get(1).changeSet().changeLog());
    }

    @Test
    void turnsAnEmptyYamlMasterIntoAList() throws IOException {
        new ChangeLogFolder(resources).write(ChangeLogFolder.MASTER, "databaseChangeLog: []\n");

        generator.generate(List.of(resources), ChangeLogFolder.MASTER, "first", "ana");

        assertEquals("databaseChangeLog:\n  - include:\n      file: changes/20261101090807-first.yaml\n"
                + "      relativeToChangelogFile: true\n", Files.readString(resources.resolve(ChangeLogFolder.MASTER)));
    }

    @Test
    void includesBeforeTheEndOfAnXmlMaster() throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
                + "    <include file=\"changes/001.yaml\" relativeToChangelogFile=\"true\"/>\n"
                + "</databaseChangeLog>\n";
        new ChangeLogFolder(resources).write("db/master.xml", xml);

        GeneratedChangeSet generated = generator.generate(List.of(resources), "db/master.xml", "add crews", "ana");

        assertEquals(xml.replace("</databaseChangeLog>", "    <include file=\"changes/20261101090807-add-crews.yaml\""
                + " relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"), Files.readString(generated.master()));
        assertTrue(Files.isRegularFile(resources.resolve("db/changes/20261101090807-add-crews.yaml")));
    }

    @Test
    void refusesToOverwriteAnExistingFileAndLeavesTheMasterAlone() throws IOException {
        ChangeLogFolder folder = new ChangeLogFolder(resources);
        folder.write(ChangeLogFolder.MASTER, "databaseChangeLog: []\n");
        folder.write("db/changelog/changes/20261101090807-add-crews.yaml", "mine\n");

        UsageException refused = assertThrows(UsageException.class,
                () -> generator.generate(List.of(resources), ChangeLogFolder.MASTER, "add crews", "ana"));

        assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
        assertEquals(ExitCode.BAD_SETTINGS, refused.exitCode());
        assertEquals("mine\n", Files.readString(resources.resolve("db/changelog/changes/20261101090807-add-crews.yaml")));
        assertEquals("databaseChangeLog: []\n", Files.readString(resources.resolve(ChangeLogFolder.MASTER)));
    }

    @Test
    void refusesWithoutADescriptionOrAMasterFile() {
        assertThrows(UsageException.class,
                () -> generator.generate(List.of(resources), ChangeLogFolder.MASTER, " ", "ana"));
        UsageException missing = assertThrows(UsageException.class,
                () -> generator.generate(List.of(resources), ChangeLogFolder.MASTER, "add crews", "ana"));
        assertTrue(missing.getMessage().contains("is not a file in " + resources), missing.getMessage());
    }
}
