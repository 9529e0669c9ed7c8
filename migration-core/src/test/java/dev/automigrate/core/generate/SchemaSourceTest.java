package dev.automigrate.core.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.ExitCode;
import dev.automigrate.core.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which schema a generate compares with, and how a wrong one is named. */
class SchemaSourceTest {
    @TempDir
    Path searchPath;
    @TempDir
    Path project;

    @Test
    void aSchemaFileIsLookedUpInTheSearchPathThenTheProject() throws IOException {
        Files.createDirectories(project.resolve("db"));
        Files.writeString(project.resolve("db/schema.sql"), "create table crews (id int);");

        assertEquals(Optional.of(new SchemaSource.SchemaFile(project.resolve("db/schema.sql"), "db/schema.sql")),
                of("db/schema.sql", null));

        Files.createDirectories(searchPath.resolve("db"));
        Files.writeString(searchPath.resolve("db/schema.sql"), "create table crews (id int);");
        assertEquals(searchPath.resolve("db/schema.sql"), ((SchemaSource.SchemaFile) of("db/schema.sql", null)
                .orElseThrow()).file());
        assertEquals(Optional.empty(), of(" ", null), "neither: a plain generate");
    }

    @Test
    void aMissingFileNamesTheOptionAndWhereItLooked() {
        UsageException missing = assertThrows(UsageException.class, () -> of("db/schema.sql", null));

        assertEquals("--from-schema='db/schema.sql': not a file in " + searchPath + ", " + project, missing.getMessage());
        assertEquals(ExitCode.BAD_SETTINGS, missing.exitCode());
    }

    @Test
    void aDatabaseUrlIsParsedAndABadOneNamedWithItsPasswordMasked() {
        SchemaSource database = of(null, "postgresql://dev:Secret-Dev-9@localhost/crews").orElseThrow();
        assertEquals("postgresql://dev:***@localhost:5432/crews", database.describe());

        UsageException bad = assertThrows(UsageException.class, () -> of(null, "mysql://dev:Secret-Dev-9@localhost/crews"));
        assertTrue(bad.getMessage().startsWith("--from-database='mysql://dev:***@localhost/crews': "),
                bad.getMessage());
    }

    @Test
    void bothAreRefused() {
        UsageException both = assertThrows(UsageException.class, () -> of("db/schema.sql", "postgresql://localhost/dev"));
        assertEquals("give --from-schema or --from-database, not both", both.getMessage());
    }

    private Optional<SchemaSource> of(String file, String url) {
        return SchemaSource.of(file, url, List.of(searchPath, project), "--from-schema", "--from-database");
    }
}
