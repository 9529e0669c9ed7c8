/**
 * The startup policy: the two switches and the {@link dev.automigrate.core.startup.Mode} they make, the pure
 * decision for each {@link dev.automigrate.core.startup.Observation}, the steps of a startup run and its report.
 * The run itself is {@link dev.automigrate.core.StartupMigration}.
 */
package dev.automigrate.core.startup;
