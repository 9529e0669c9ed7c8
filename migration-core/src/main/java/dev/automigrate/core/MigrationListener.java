package dev.automigrate.core;

/** Receives the core's progress events, in order, on the migrating thread. */
@FunctionalInterface
public interface MigrationListener {
    MigrationListener NONE = event -> {
    };

    void on(MigrationEvent event);
}
