package dev.automigrate.core.changelog;

import java.util.List;
import java.util.Map;

/**
 * What one changeset item of a YAML changelog file yielded when Liquibase parsed it, kept so that a later run can
 * stand it in for the item instead of parsing it again: while the item's text, the values of the parameters it
 * uses and the resources its checksum read are unchanged, and the database has its row with exactly this checksum,
 * Liquibase would parse it into exactly these attributes and this checksum.
 *
 * @param itemDigest       digest of the item's text, as written in the file
 * @param logicalFilePath  the changeset's own {@code logicalFilePath}, or null
 * @param contextFilter    its own context expression as written, or null
 * @param labels           its own labels, or null
 * @param dbms             its {@code dbms} as written, or null
 * @param objectQuoting    its object quoting strategy as Liquibase resolved it in its file
 * @param description      Liquibase's description of its changes
 * @param checksum         the checksum Liquibase computes for it (latest version, on this database type)
 * @param identity         {@code path::id::author} after its includes applied their logical paths
 * @param parameters       name of each {@code ${name}} the item uses, to a digest of the value it expanded to
 * @param resources        path of each resource its checksum read, to a digest of where it was found and its content
 * @param sqlFiles         the files its {@code sqlFile} changes name, as the changelog's source folders list them
 */
public record ChangeSetRecord(
        String itemDigest,
        String id,
        String author,
        String logicalFilePath,
        String contextFilter,
        String labels,
        String dbms,
        boolean runAlways,
        boolean runOnChange,
        boolean runInTransaction,
        boolean ignore,
        Boolean failOnError,
        String onValidationFail,
        String comments,
        String objectQuoting,
        String created,
        List<String> validCheckSums,
        String runWith,
        String runWithSpoolFile,
        String description,
        String checksum,
        String identity,
        Map<String, String> parameters,
        Map<String, String> resources,
        List<String> sqlFiles) {

    public ChangeSetRecord {
        validCheckSums = List.copyOf(validCheckSums);
        parameters = Map.copyOf(parameters);
        resources = Map.copyOf(resources);
        sqlFiles = List.copyOf(sqlFiles);
    }
}
