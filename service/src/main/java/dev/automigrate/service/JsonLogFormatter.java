package dev.automigrate.service;

import dev.automigrate.core.JsonWriter;
import dev.automigrate.core.settings.SecretMasker;
import dev.automigrate.helidon.StructuredLogRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log line: {@code time}, {@code level}, {@code logger}, {@code message}, the fields
 * of a {@link StructuredLogRecord} (a migration event's step, changeset, durationMs, …) and
 * {@code exception}; the database password is masked in every value.
 */
public final class JsonLogFormatter extends Formatter {
    private final SecretMasker secrets;

    public JsonLogFormatter(SecretMasker secrets) {
        this.secrets = secrets;
    }

    @Override
    public String format(LogRecord record) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("time", record.getInstant().toString())
                .field("level", record.getLevel().getName())
                .field("logger", record.getLoggerName())
                .field("message", secrets.mask(formatMessage(record)));
        if (record instanceof StructuredLogRecord structured) {
            for (Map.Entry<String, Object> field : structured.fields().entrySet()) {
                Object value = field.getValue();
                if (value instanceof Number number) {
                    json.field(field.getKey(), number.longValue());
                } else if (value instanceof Boolean bool) {
                    json.field(field.getKey(), bool.booleanValue());
                } else {
                    json.field(field.getKey(), value == null ? null : secrets.mask(value.toString()));
                }
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            json.field("exception", secrets.mask(trace.toString()));
        }
        // the writer escapes line breaks inside values, so this is the only one
        return json.endObject() + "\n";
    }
}
