package dev.automigrate.core;

import java.time.Duration;

/** Durations as reports and messages show them to a person. */
public final class DurationText {
    private DurationText() {
    }

    /** A duration for a person: {@code 500 ms}, {@code 1.5 s}, {@code 12 s}, {@code 3 min}, {@code 3 min 5 s}. */
    public static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            long tenths = Math.round(millis / 100.0);
            return (tenths % 10 == 0 ? String.valueOf(tenths / 10) : tenths / 10 + "." + tenths % 10) + " s";
        }
        long seconds = Math.round(millis / 1000.0);
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
