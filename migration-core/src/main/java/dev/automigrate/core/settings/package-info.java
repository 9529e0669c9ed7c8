/**
 * Settings: the one precedence rule ({@link dev.automigrate.core.settings.SettingsResolver}) over layers of named
 * values, each resolved value remembering its source; the immutable {@link dev.automigrate.core.settings.Settings};
 * database URL parsing; masking of secrets in anything shown.
 */
package dev.automigrate.core.settings;
