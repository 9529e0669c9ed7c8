package dev.automigrate.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Everything logged through the root logger while it is open, formatted as the root handlers format it;
 * closing puts their formatters back, so a format installed meanwhile does not leak into other tests.
 */
final class CapturedLogs implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StreamHandler handler = new StreamHandler(bytes, new SimpleFormatter());
    private final Map<Handler, Formatter> formatters = new LinkedHashMap<>();

    CapturedLogs() {
        for (Handler existing : root.getHandlers()) {
            formatters.put(existing, existing.getFormatter());
        }
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
    }

    String text() {
        handler.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        handler.close();
        formatters.forEach((existing, formatter) -> {
            // a handler may have none; setFormatter refuses null
            if (formatter != null) {
                existing.setFormatter(formatter);
            }
        });
    }
}
