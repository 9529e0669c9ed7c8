package dev.automigrate.core;

/** What {@code status} shows: the connection and the migration state. */
public record StatusReport(ConnectionInfo connection, DatabaseStatus status) {
}
