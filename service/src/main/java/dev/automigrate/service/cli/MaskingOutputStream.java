package dev.automigrate.service.cli;

import dev.automigrate.core.settings.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Masks secrets in what a command prints, a line at a time: the SQL of {@code check --plan}, the JSON report and
 * error messages may hold a value a changelog parameter gave, and a secret is only recognisable in a whole line.
 */
final class MaskingOutputStream extends OutputStream {
    private final OutputStream target;
    private final SecretMasker secrets;
    private final Charset charset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    MaskingOutputStream(OutputStream target, SecretMasker secrets, Charset charset) {
        this.target = target;
        this.secrets = secrets;
        this.charset = charset;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            writeLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        writeLine();
        target.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void writeLine() throws IOException {
        if (line.size() > 0) {
            target.write(secrets.mask(line.toString(charset)).getBytes(charset));
            line.reset();
        }
    }
}
