/**
 * The entry points every front end calls: {@link dev.automigrate.core.Migrations} (status, migrate, check, history,
 * tag, rollback, reset on one configured database) and {@link dev.automigrate.core.StartupMigration} (the five
 * startup steps under the policy), the progress events they announce, the faults they throw (each with its
 * {@link dev.automigrate.core.ExitCode}) and the text every front end prints for them. The subpackages hold what these
 * runs are made of; {@code liquibase} is internal and no front end imports it.
 */
package dev.automigrate.core;
