package dev.automigrate.core.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.automigrate.core.changelog.ChangeLog;
import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.liquibase.incremental.IncrementalParse;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.status.DatabaseStatus;
import dev.automigrate.core.status.StatusComparison;
import dev.automigrate.core.status.TrackingTable;
import dev.automigrate.core.testing.PostgresFixture;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.precondition.Precondition;
import liquibase.precondition.core.PreconditionContainer;

/**
 * The parse the next run makes, reusing the records, compared with a full parse of the same changelog: every
 * changeset's identity, attributes, inherited contexts, labels and ignore, file, checksum and order, and the status
 * both give against the rows.
 *
 * @param status      what both parses give against the rows
 * @param incremental what the reusing parse did: how many changesets it loaded and how many records stood in
 */
record FullParseComparison(DatabaseStatus status, IncrementalParse incremental) {

    static FullParseComparison of(ChangeLogLocation location, DatabaseUrl url) throws Exception {
        try (Connection connection = PostgresFixture.connect(url)) {
            ParsedChangeLog incremental = LiquibaseChangeLogReader.parse(location, connection);
            ParsedChangeLog full = LiquibaseChangeLogReader.parse(location, null);
            IncrementalParse reuse = incremental.incremental();
            assertNotNull(reuse);
            assertEquals(describe(full.model()), describe(incremental.model()));
            assertEquals(describe(full.model().getPreconditions()), describe(incremental.model().getPreconditions()),
                    "the master's preconditions");
            assertEquals(full.model().getChangeSets().size(), reuse.parsedChangeSets() + reuse.reusedChangeSets(),
                    "every changeset either parsed or stood in for");
            ChangeLog expected = full.changeLog();
            ChangeLog actual = incremental.changeLog();
            assertEquals(expected.changeSets(), actual.changeSets());
            assertEquals(expected.sourceDirectories(), actual.sourceDirectories());
            assertEquals(expected.digest(), actual.digest());
            var rows = TrackingTable.read(connection).orElse(null);
            DatabaseStatus status = StatusComparison.compare(actual, rows);
            assertEquals(StatusComparison.compare(expected, rows), status);
            return new FullParseComparison(status, reuse);
        }
    }

    /** Every attribute of every changeset a run can use, as Liquibase's model holds it. */
    static List<String> describe(DatabaseChangeLog changeLog) {
        return changeLog.getChangeSets().stream().map(FullParseComparison::describe).toList();
    }

    /** A tree of preconditions: each one's type, with those nested in it. */
    static String describe(Precondition precondition) {
        if (precondition instanceof PreconditionContainer container) {
            return container.getClass().getSimpleName() + container.getNestedPreconditions().stream()
                    .map(FullParseComparison::describe).toList();
        }
        return precondition.getClass().getSimpleName();
    }

    private static String describe(ChangeSet c) {
        List<String> files = new ArrayList<>();
        for (DatabaseChangeLog file = c.getChangeLog(); file != null; file = file.getParentChangeLog()) {
            files.add(file.getPhysicalFilePath() + "(" + file.getLogicalFilePath() + ")");
        }
        return String.join(" | ", List.of(c.getId(), c.getAuthor(), c.getFilePath(), String.valueOf(c.getLogicalFilePath()),
                String.valueOf(c.getContextFilter() == null ? null : c.getContextFilter().getOriginalString()),
                c.getInheritableContextFilter().stream().map(Object::toString).toList().toString(),
                String.valueOf(c.getLabels()), c.getInheritableLabels().stream().map(Object::toString).toList().toString(),
                String.valueOf(c.getDbmsSet()), "always=" + c.isAlwaysRun(), "onChange=" + c.isRunOnChange(),
                "tx=" + c.isRunInTransaction(), "ignore=" + c.isIgnore() + "/" + c.isInheritableIgnore(),
                String.valueOf(c.getFailOnError()), String.valueOf(c.getOnValidationFail()), String.valueOf(c.getComments()),
                String.valueOf(c.getObjectQuotingStrategy()), String.valueOf(c.getCreated()), String.valueOf(c.getRunOrder()),
                c.getValidCheckSums().stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new)).toString(),
                String.valueOf(c.getRunWith()), String.valueOf(c.getRunWithSpoolFile()), c.getDescription(),
                String.join(" < ", files)));
    }
}
