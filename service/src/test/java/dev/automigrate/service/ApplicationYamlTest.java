package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** application.yaml read without Helidon Config: the same dotted keys Helidon's {@code asMap()} gives. */
class ApplicationYamlTest {
    @TempDir
    Path folder;

    @Test
    void nestedKeysListsAndScalarsBecomeDottedKeys() {
        Map<String, String> values = ApplicationYaml.parse("""
                server:
                  port: 9090
                migration:
                  autoMigrate: false
                  changeLog: "db/main.yaml"
                  embedded: {enabled: true}
                tags: [a, b]
                empty:
                """, "test");
        assertEquals(Map.of("server.port", "9090", "migration.autoMigrate", "false",
                "migration.changeLog", "db/main.yaml", "migration.embedded.enabled", "true",
                "tags.0", "a", "tags.1", "b", "empty", ""), values);
    }

    @Test
    void noFileMeansNoValues() {
        ApplicationYaml yaml = ApplicationYaml.load(folder);
        assertEquals(Map.of(), yaml.values());
        assertEquals("0.0.0.0", yaml.serverHost());
        assertFalse(yaml.configuresServerBeyondHostAndPort());
    }

    @Test
    void hostAndPortAloneNeedNoHelidonConfigButOtherServerKeysDo() throws IOException {
        Files.writeString(folder.resolve("application.yaml"), "server:\n  host: 127.0.0.1\n  port: 9090\n");
        ApplicationYaml plain = ApplicationYaml.load(folder);
        assertEquals("127.0.0.1", plain.serverHost());
        assertFalse(plain.configuresServerBeyondHostAndPort());

        Files.writeString(folder.resolve("application.yaml"), "server:\n  port: 9090\n  max-payload-size: 1024\n");
        ApplicationYaml extended = ApplicationYaml.load(folder);
        assertTrue(extended.configuresServerBeyondHostAndPort());
        assertEquals(1024, extended.helidonConfig().get("server.max-payload-size").asInt().get());
    }

    @Test
    void aFileThatIsNotYamlNamesItselfWithoutQuotingItsContent() throws IOException {
        Path file = folder.resolve("application.yaml");
        Files.writeString(file, "migration:\n  url: postgresql://app:S3cret@db/app\n   bad: [unclosed\n");
        ServiceSettingsException e = assertThrows(ServiceSettingsException.class, () -> ApplicationYaml.load(folder));
        assertEquals(64, e.exitCode().code());
        assertTrue(e.getMessage().startsWith(file + ": cannot be read: "), e.getMessage());
        assertFalse(e.getMessage().contains("S3cret"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        Files.writeString(file, "- just\n- a list\n");
        assertTrue(assertThrows(ServiceSettingsException.class, () -> ApplicationYaml.load(folder)).getMessage()
                .contains("its top level is not a mapping"));
    }
}
