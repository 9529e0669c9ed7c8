package dev.automigrate.helidon;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.ReportText;
import dev.automigrate.core.startup.Mode;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prints the core's progress through the service's log, one line per step and per changeset; each
 * record also carries the event's values for the JSON log format.
 */
final class LoggingListener implements MigrationListener {
    private static final Logger LOG = Logger.getLogger("dev.automigrate.service.StartupMigration");

    private final Mode mode;

    LoggingListener(Mode mode) {
        this.mode = mode;
    }

    @Override
    public void on(MigrationEvent event) {
        Level level = switch (event) {
            // the finished line carries the duration; the started line would only repeat the step's name
            case MigrationEvent.StepStarted e -> Level.FINE;
            case MigrationEvent.ChangeSetStarting e -> Level.FINE;
            case MigrationEvent.PendingFound e -> mode == Mode.CHECK_ONLY ? Level.WARNING : Level.INFO;
            case MigrationEvent.DriftFound e -> Level.WARNING;
            case MigrationEvent.UnsafeChangeFound e -> Level.WARNING;
            case MigrationEvent.LockWaiting e -> Level.WARNING;
            case MigrationEvent.ConnectionRetry e -> Level.WARNING;
            case MigrationEvent.LockTimeoutRetry e -> Level.WARNING;
            case MigrationEvent.InvalidIndexDropped e -> Level.WARNING;
            case MigrationEvent.ChangeSetFailed e -> Level.SEVERE;
            default -> Level.INFO;
        };
        if (LOG.isLoggable(level)) {
            LOG.log(new StructuredLogRecord(level, LOG.getName(), ReportText.event(event), MigrationEventFields.of(event)));
        }
    }
}
