/**
 * What the changelog says, as this project's own records: where it is looked up, its changesets with their
 * identities and checksums, and a digest of the folders it lives in. Nothing here reads the database.
 */
package dev.automigrate.core.changelog;
