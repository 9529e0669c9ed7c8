package dev.automigrate.maven;

import dev.automigrate.core.MigrationEvent;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.ReportText;
import org.apache.maven.plugin.logging.Log;

/** Prints the core's progress through Maven's log, in the words every front end uses. */
final class MavenLogListener implements MigrationListener {
    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void on(MigrationEvent event) {
        String line = ReportText.event(event);
        if (event instanceof MigrationEvent.ChangeSetStarting) {
            // the matching "Applied … 41 ms" line follows; the start matters only when a changeset hangs
            log.debug(line);
        } else if (event instanceof MigrationEvent.ChangeSetRehearsed) {
            // the check's report lists every rehearsed changeset
            log.debug(line);
        } else if (event instanceof MigrationEvent.ChangeSetFailed) {
            log.error(line);
        } else if (event instanceof MigrationEvent.ConnectionRetry || event instanceof MigrationEvent.DriftFound
                || event instanceof MigrationEvent.LockTimeoutRetry || event instanceof MigrationEvent.InvalidIndexDropped) {
            log.warn(line);
        } else {
            log.info(line);
        }
    }
}
