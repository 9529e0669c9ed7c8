package dev.automigrate.helidon;

import dev.automigrate.core.startup.StartupReport;
import java.time.Duration;
import java.time.Instant;

/**
 * The startup migration as the endpoints see it: not started, running since a moment, or finished
 * with a report.
 *
 * @param report null until the run has finished
 */
public record StartupState(Instant startedAt, StartupReport report) {
    static final StartupState NOT_STARTED = new StartupState(null, null);

    public boolean running() {
        return startedAt != null && report == null;
    }

    public boolean finished() {
        return report != null;
    }

    public Duration elapsed() {
        if (report != null) {
            return report.duration();
        }
        return startedAt == null ? Duration.ZERO : Duration.between(startedAt, Instant.now());
    }
}
