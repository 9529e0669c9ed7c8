package dev.automigrate.core.liquibase.incremental;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** The digests records are compared by. */
final class Digests {
    private Digests() {
    }

    /**
     * Of a changelog item or a resource: its length with CRC-32C, CRC-32 and Adler-32 of its bytes (96 bits), not
     * MD5 or SHA-256: all three run natively from the first call, while a fresh JVM interprets a MessageDigest over
     * the ~1 MB of a long changelog (50-150 ms measured). They detect accidental change, which is all that is asked
     * of them: a deliberate collision needs someone who can already edit the changelog.
     */
    static String ofContent(byte[] bytes) {
        return ofContent(bytes, 0, bytes.length);
    }

    /** Of {@code length} bytes from {@code offset}. */
    static String ofContent(byte[] bytes, int offset, int length) {
        CRC32C crc32c = new CRC32C();
        crc32c.update(bytes, offset, length);
        CRC32 crc32 = new CRC32();
        crc32.update(bytes, offset, length);
        Adler32 adler = new Adler32();
        adler.update(bytes, offset, length);
        HexFormat hex = HexFormat.of();
        return Integer.toHexString(length) + "-" + hex.toHexDigits((int) crc32c.getValue())
                + hex.toHexDigits((int) crc32.getValue()) + hex.toHexDigits((int) adler.getValue());
    }

    static String ofContent(String text) {
        return ofContent(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Of a parameter's value: SHA-256, as a value may be a secret, which the records must not hold. */
    static String ofValue(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
