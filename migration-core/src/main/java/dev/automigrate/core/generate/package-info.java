/**
 * Writing new changesets: a new changeset file in the master changelog's folder, included at the end of the
 * master. Needs no database.
 */
package dev.automigrate.core.generate;
