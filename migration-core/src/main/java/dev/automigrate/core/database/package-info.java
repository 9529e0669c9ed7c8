/**
 * Connecting to PostgreSQL (retries within the connect timeout, reasons a user can act on), the migration lock: a
 * session-level advisory lock that serialises migrations across replicas and dies with its connection, and the
 * waits for table locks under live traffic: short attempts, retried, with the sessions in the way named.
 */
package dev.automigrate.core.database;
