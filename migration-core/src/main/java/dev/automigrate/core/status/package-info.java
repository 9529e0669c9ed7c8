/**
 * The migration state: Liquibase's {@code databasechangelog} read with plain JDBC, compared with the changelog into
 * pending changesets and drift, the fingerprint that answers "up to date" without parsing the changelog, and the
 * records of what each changelog file yielded, which let a run parse only what changed. Everything here is
 * read-only except recording the fingerprint and those records.
 */
package dev.automigrate.core.status;
