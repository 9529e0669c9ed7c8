/**
 * Liquibase's changelog parsers, each naming the file it was parsing and the line when it fails (YAML, JSON, XML,
 * formatted SQL), and how a failure is located in the file's text when Liquibase gives no position.
 */
package dev.automigrate.core.liquibase.parse;
