/**
 * The Liquibase adapter, the only package that imports {@code liquibase.*}: it parses changelogs, applies, plans
 * and rolls back changesets, and compares schemas with Liquibase, and turns Liquibase's objects into this project's
 * records at once. Internal: front ends never use it directly.
 */
package dev.automigrate.core.liquibase;
