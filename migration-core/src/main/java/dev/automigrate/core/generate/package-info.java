/**
 * Writing new changesets: a new changeset file in the master changelog's folder, included at the end of the
 * master. Empty, to fill in (needs no database), or generated from a desired schema ({@link
 * dev.automigrate.core.generate.SchemaDiffGenerator}: a schema file or a development database, compared with the
 * changelog on a throwaway {@link dev.automigrate.core.generate.ScratchServer}).
 */
package dev.automigrate.core.generate;
