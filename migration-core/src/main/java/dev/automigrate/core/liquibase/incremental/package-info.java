/**
 * Parsing the changelog in proportion to what changed since the last run that recorded it. Liquibase still parses
 * every file that changed, and every master but one of plain includes (paths, includeAll order, logical paths, include
 * contexts and labels, preconditions, properties are all Liquibase's); the parse of a YAML file goes through
 * {@link dev.automigrate.core.liquibase.incremental.IncrementalYamlParser}, which stands records in for the file's
 * unchanged, applied changeset items and has Liquibase load the others, and a master of nothing but plain includes
 * is read item by item against its record ({@link dev.automigrate.core.liquibase.incremental.IncludeList}). The
 * records (what each file yielded: item digests, attributes, checksums, the parameter values and resources each
 * changeset depended on, a master's include items and the paths they included) are kept in the database by
 * {@link dev.automigrate.core.status.ChangeLogRecords}.
 *
 * <p>Exactness comes first: a record is used only when everything its changeset depends on is as recorded and the
 * database holds its row with exactly its checksum, so it can never have to run. Any doubt widens the parse: the
 * item is loaded by Liquibase, else the file is parsed whole, else the whole changelog is parsed again.
 */
package dev.automigrate.core.liquibase.incremental;
