/**
 * Connecting to PostgreSQL (retries within the connect timeout, reasons a user can act on) and the migration lock:
 * a session-level advisory lock that serialises migrations across replicas and dies with its connection.
 */
package dev.automigrate.core.database;
