package dev.automigrate.core.changelog;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * A digest of the folders that hold a changelog: every entry's name and size, and every file's content.
 * Any edited, added or removed file changes it. Reads files only: no Liquibase, no parse.
 * <p>
 * It is CRC-32 and Adler-32 together (64 bits), not SHA-256: both run in the JDK's native zlib from the first
 * call, while SHA-256 in a fresh JVM is interpreted until the JIT catches up, which cost a start 60 to 150 ms
 * for a 700 KB changelog against about 1 ms. It detects accidental change, which is all it is for: a
 * deliberate collision would need someone who can already edit the changelog.
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
            Checksums digest = new Checksums();
            for (String directory : directoryUris) {
                digest.update(directory.getBytes(StandardCharsets.UTF_8));
                if (!hashDirectory(URI.create(directory), digest)) {
                    return Optional.empty();
                }
            }
            return Optional.of(digest.hex());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The same digest of a text, e.g. the settings a run was made with. */
    public static String ofText(String text) {
        Checksums digest = new Checksums();
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return digest.hex();
    }

    private static boolean hashDirectory(URI directory, Checksums digest) throws IOException {
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

    /** CRC-32 and Adler-32 over the same bytes. */
    private static final class Checksums {
        private final CRC32 crc = new CRC32();
        private final Adler32 adler = new Adler32();

        void update(byte[] bytes) {
            crc.update(bytes);
            adler.update(bytes);
        }

        String hex() {
            return HexFormat.of().toHexDigits((int) crc.getValue()) + HexFormat.of().toHexDigits((int) adler.getValue());
        }
    }

    private static boolean hashEntries(Path directory, Checksums digest) throws IOException {
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
