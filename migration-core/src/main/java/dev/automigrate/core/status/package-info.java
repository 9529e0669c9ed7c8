/**
 * The migration state: Liquibase's {@code databasechangelog} read with plain JDBC, compared with the changelog into
 * pending changesets and drift, and the fingerprint that answers "up to date" without parsing the changelog.
 * Everything here is read-only except recording the fingerprint.
 */
package dev.automigrate.core.status;
