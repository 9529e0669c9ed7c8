package dev.automigrate.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;

/**
 * Configures java.util.logging the way Helidon's {@code LogConfig} does ({@code logging.properties} in the working
 * directory, else on the classpath; {@code -Djava.util.logging.config.file} or {@code .class} left to the JDK), without
 * Helidon's service discovery, which costs every command tens of milliseconds. Helidon's own configuration is then
 * switched off, so the web server does not reset it later (and drop the JSON formatter of {@code LOG_FORMAT=json}).
 */
public final class LoggingSetup {
    private static final String FILE = "logging.properties";
    private static final String HELIDON_DISABLED = "io.helidon.logging.config.disabled";

    private LoggingSetup() {
    }

    public static void configure(Path workingDirectory) {
        if (System.getProperty(HELIDON_DISABLED) == null) {
            System.setProperty(HELIDON_DISABLED, "true");
        }
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Path file = workingDirectory.resolve(FILE);
        try (InputStream properties = Files.isRegularFile(file) ? Files.newInputStream(file)
                : LoggingSetup.class.getClassLoader().getResourceAsStream(FILE)) {
            if (properties != null) {
                LogManager.getLogManager().readConfiguration(properties);
            }
        } catch (IOException e) {
            System.err.println("warning: " + file + " or classpath:" + FILE + " cannot be read (" + e.getMessage()
                    + "); logging keeps the JDK's defaults");
        }
    }
}
