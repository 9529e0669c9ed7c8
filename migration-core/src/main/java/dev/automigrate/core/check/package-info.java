/**
 * The pre-deploy check: the SQL plan of the pending changesets, the safety rules applied to it, their rehearsal
 * (run for real in one transaction, then rolled back), and the report (text and {@code check.json}) with its verdict.
 */
package dev.automigrate.core.check;
