/**
 * Rolling back: how far ({@link dev.automigrate.core.rollback.RollbackTarget}) and the plan of what would be
 * undone, newest first, with its SQL; nothing runs while any step is blocked.
 */
package dev.automigrate.core.rollback;
