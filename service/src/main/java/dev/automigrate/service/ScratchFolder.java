package dev.automigrate.service;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where generate's throwaway PostgreSQL keeps its cluster between runs, so that a second run starts in about a
 * second: {@code automigrate/generate-postgres} in the user's cache folder ({@code $XDG_CACHE_HOME}, else
 * {@code ~/.cache}; {@code ~/Library/Caches} on macOS, {@code %LOCALAPPDATA%} on Windows). Never inside the
 * development database's {@code EMBEDDED_DATA_DIR}, nor around it.
 */
public final class ScratchFolder {
    private ScratchFolder() {
    }

    public static Path of(Map<String, String> environment, Path embeddedDataDirectory) {
        Path folder = cacheFolder(environment).resolve("automigrate").resolve("generate-postgres").toAbsolutePath()
                .normalize();
        Path development = embeddedDataDirectory.toAbsolutePath().normalize();
        return folder.startsWith(development) || development.startsWith(folder)
                ? Path.of(System.getProperty("java.io.tmpdir"), "automigrate-generate-postgres") : folder;
    }

    private static Path cacheFolder(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg);
        }
        String localAppData = environment.get("LOCALAPPDATA");
        if (localAppData != null && !localAppData.isBlank()) {
            return Path.of(localAppData);
        }
        Path home = Path.of(System.getProperty("user.home"));
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")
                ? home.resolve("Library/Caches") : home.resolve(".cache");
    }
}
