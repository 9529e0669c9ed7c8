package dev.automigrate.helidon;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** A log record that carries named values besides its message, for {@link JsonLogFormatter}; text logs show the message only. */
public final class StructuredLogRecord extends LogRecord {
    private final transient Map<String, Object> fields;

    public StructuredLogRecord(Level level, String loggerName, String message, Map<String, Object> fields) {
        super(level, message);
        setLoggerName(loggerName);
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Names to strings, numbers or booleans, in the order they were given. */
    public Map<String, Object> fields() {
        return fields == null ? Map.of() : fields;
    }
}
