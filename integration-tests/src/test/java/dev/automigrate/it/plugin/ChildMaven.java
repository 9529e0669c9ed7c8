package dev.automigrate.it.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.automigrate.core.settings.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the Maven that runs this build, as a child process, on a fixture project: the plugin comes from
 * the staged repository, everything else from the build's own local repository (as a file:// mirror),
 * so nothing is downloaded. Every run's output is checked for the database password.
 */
final class ChildMaven {
    private static final Path MAVEN_HOME = Path.of(required("it.mavenHome"));
    private static final Path STAGED_REPOSITORY = Path.of(required("it.repository"));
    private static final Path CACHE_REPOSITORY = Path.of(required("it.cacheRepository"));
    private static int runs;

    private ChildMaven() {
    }

    /**
     * @param environment added to a clean environment (no {@code DATABASE_URL} or other setting is inherited)
     */
    static MavenRun run(FixtureProject project, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(MAVEN_HOME.resolve("bin/mvn").toString(), "-B", "-ntp",
                "-s", settingsXml().toString(), "-Dmaven.repo.local=" + STAGED_REPOSITORY,
                "-f", project.root().resolve("pom.xml").toString()));
        command.addAll(List.of(arguments));
        String shown = "mvn " + String.join(" ", arguments).replace(TestDatabase.PASSWORD, "***");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.root().toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        for (Setting setting : Setting.values()) {
            env.remove(setting.environmentVariable());
        }
        env.remove("MAVEN_ARGS");
        env.remove("MAVEN_OPTS");
        // the plugin needs only 17, but the JDK this test runs on (21+) is the one known to be here
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(environment);
        try {
            Process process = builder.start();
            byte[] bytes = process.getInputStream().readAllBytes();
            int exitCode = process.waitFor();
            String output = new String(bytes, StandardCharsets.UTF_8);
            Files.writeString(project.root().resolve("maven-" + (++runs) + ".log"), shown + "\n" + output);
            assertFalse(output.contains(TestDatabase.PASSWORD), () -> shown + " printed the password:\n" + output);
            return new MavenRun(shown, exitCode, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path settingsXml() {
        Path file = STAGED_REPOSITORY.resolveSibling("it-settings.xml");
        if (!Files.exists(file)) {
            // the build's own repository stands in for Maven Central; it keeps no checksums for what it
            // resolved, so checksum checks are off for it
            String repository = "<id>central</id><url>" + CACHE_REPOSITORY.toUri() + "</url>"
                    + "<releases><checksumPolicy>ignore</checksumPolicy></releases>"
                    + "<snapshots><enabled>false</enabled></snapshots>";
            String xml = "<settings><profiles><profile><id>build-repository</id>"
                    + "<repositories><repository>" + repository + "</repository></repositories>"
                    + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                    + "</profile></profiles><activeProfiles><activeProfile>build-repository</activeProfile>"
                    + "</activeProfiles></settings>\n";
            try {
                Files.writeString(file, xml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests through Maven");
        }
        return value;
    }
}
