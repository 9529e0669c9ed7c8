/**
 * The pre-deploy check: the SQL plan of the pending changesets, the safety rules applied to it, and the report
 * (text and {@code check.json}) with its verdict.
 */
package dev.automigrate.core.check;
