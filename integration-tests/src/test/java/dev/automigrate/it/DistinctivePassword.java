package dev.automigrate.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.automigrate.core.testing.PostgresFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * A database owned by a role whose password has every character a URL must escape, so the secret scans
 * can look for it written plainly, percent-encoded, and by its distinctive first part.
 */
public final class DistinctivePassword {
    public static final String PLAIN = "Pa55:w@rd/%x";
    public static final String PERCENT_ENCODED = URLEncoder.encode(PLAIN, StandardCharsets.UTF_8);
    private static final List<String> FORMS = List.of(PLAIN, PERCENT_ENCODED, "Pa55");
    public static final String ROLE = "scan_app";
    private static boolean roleCreated;

    private DistinctivePassword() {
    }

    /** A fresh database owned by {@link #ROLE}; returns its name. */
    public static synchronized String newDatabase() {
        String name = PostgresFixture.newDatabase().database();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:" + PostgresFixture.port()
                + "/postgres", PostgresFixture.USER, "postgres"); Statement statement = admin.createStatement()) {
            if (!roleCreated) {
                statement.execute("create role " + ROLE + " login password '" + PLAIN.replace("'", "''") + "'");
                roleCreated = true;
            }
            statement.execute("alter database " + name + " owner to " + ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + name, e);
        }
        return name;
    }

    /** The password inside the URL, percent-encoded as a URL requires. */
    public static String urlWithPassword(String database) {
        return "postgresql://" + ROLE + ":" + PERCENT_ENCODED + "@localhost:" + PostgresFixture.port() + "/" + database;
    }

    /** The URL without a password, for {@code DATABASE_PASSWORD} to supply it as is. */
    public static String urlWithoutPassword(String database) {
        return "postgresql://" + ROLE + "@localhost:" + PostgresFixture.port() + "/" + database;
    }

    public static void assertAbsent(String where, String text) {
        for (String form : FORMS) {
            assertFalse(text.contains(form), () -> "the password (" + form + ") appears in " + where + ":\n" + text);
        }
    }

    /** Every regular file under {@code folder}: logs, reports, generated files. */
    public static void assertAbsentFromFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertAbsent(file.toString(), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
