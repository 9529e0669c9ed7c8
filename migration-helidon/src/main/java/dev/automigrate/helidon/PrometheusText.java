package dev.automigrate.helidon;

import java.util.Locale;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): a HELP and a TYPE line per metric
 * family, then its samples.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(2048);

    /** Starts a family; {@code type} is {@code counter} or {@code gauge}. */
    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    PrometheusText sample(String name, double value) {
        out.append(name).append(' ').append(number(value)).append('\n');
        return this;
    }

    PrometheusText sample(String name, String label, String labelValue, double value) {
        out.append(name).append('{').append(label).append("=\"").append(escapeLabel(labelValue)).append("\"} ")
                .append(number(value)).append('\n');
        return this;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    private static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String text) {
        return escapeHelp(text).replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
