/**
 * Liquibase's schema diff for {@code generate --from-schema}: snapshots of two databases compared by Liquibase, the
 * repairs that make its changes round-trip on PostgreSQL, what the catalog shows that no Liquibase change expresses,
 * and the new changeset written as YAML.
 */
package dev.automigrate.core.liquibase.diff;
