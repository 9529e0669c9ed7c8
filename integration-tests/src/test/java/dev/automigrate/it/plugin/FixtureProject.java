package dev.automigrate.it.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A fresh copy of a fixture project under {@code target/it-projects}, for one test. */
record FixtureProject(Path root) {
    private static final Path FIXTURES = Path.of(ChildMaven.required("it.fixtures"));
    private static final Path PROJECTS = Path.of(ChildMaven.required("it.projects"));

    /** Copies the fixture, with the plugin's version filled in and no {@code <configuration>}. */
    static FixtureProject copy(String fixture, String name) {
        return copy(fixture, name, "");
    }

    /** Copies the fixture with {@code configuration} (XML) as the plugin's {@code <configuration>}. */
    static FixtureProject copy(String fixture, String name, String configuration) {
        Path source = FIXTURES.resolve(fixture);
        Path target = PROJECTS.resolve(name);
        try {
            deleteRecursively(target);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            Path pom = target.resolve("pom.xml");
            Files.writeString(pom, Files.readString(pom)
                    .replace("@plugin.version@", ChildMaven.required("it.pluginVersion"))
                    .replace("<!--configuration-->", configuration.isEmpty() ? ""
                            : "<configuration>" + configuration + "</configuration>"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FixtureProject(target);
    }

    Path file(String relative) {
        return root.resolve(relative);
    }

    String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String relative, String content) {
        try {
            Files.writeString(file(relative), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }
}
