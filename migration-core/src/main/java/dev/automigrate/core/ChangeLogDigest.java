package dev.automigrate.core;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A SHA-256 over the folders that hold a changelog: every entry's name, and every file's content.
 * Any edited, added or removed file changes it. Reads files only: no Liquibase, no parse.
 */
public final class ChangeLogDigest {
    private ChangeLogDigest() {
    }

    /** The digest, or empty when a folder cannot be read (then the caller does the full check). */
    public static Optional<String> of(List<String> directoryUris) {
        if (directoryUris.isEmpty()) {
            return Optional.empty();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String directory : directoryUris) {
                digest.update(directory.getBytes(StandardCharsets.UTF_8));
                if (!hashDirectory(URI.create(directory), digest)) {
                    return Optional.empty();
                }
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | IllegalArgumentException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    private static boolean hashDirectory(URI directory, MessageDigest digest) throws IOException {
        if ("file".equals(directory.getScheme())) {
            return hashEntries(Path.of(directory), digest);
        }
        if ("jar".equals(directory.getScheme())) {
            String text = directory.toString();
            int separator = text.indexOf("!/");
            if (separator < 0) {
                return false;
            }
            URI archive = URI.create(text.substring(0, separator));
            String inside = text.substring(separator + 1);
            FileSystem jar = null;
            boolean opened = false;
            try {
                try {
                    jar = FileSystems.getFileSystem(archive);
                } catch (FileSystemNotFoundException e) {
                    jar = FileSystems.newFileSystem(archive, Map.of());
                    opened = true;
                }
                return hashEntries(jar.getPath(inside), digest);
            } catch (FileSystemAlreadyExistsException | UnsupportedOperationException e) {
                return false;
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        }
        return false;
    }

    private static boolean hashEntries(Path directory, MessageDigest digest) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry)) {
                    digest.update(("d " + name + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    byte[] content = Files.readAllBytes(entry);
                    digest.update(("f " + name + " " + content.length + "\n").getBytes(StandardCharsets.UTF_8));
                    digest.update(content);
                }
            }
        }
        return true;
    }
}
