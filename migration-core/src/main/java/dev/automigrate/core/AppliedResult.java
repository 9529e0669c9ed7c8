package dev.automigrate.core;

import dev.automigrate.core.changelog.PendingChangeSet;
import java.time.Duration;

/** A changeset this run applied, and how long it took. */
public record AppliedResult(PendingChangeSet changeSet, Duration duration) {
}
