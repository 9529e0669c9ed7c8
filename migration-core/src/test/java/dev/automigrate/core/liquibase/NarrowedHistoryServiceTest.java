package dev.automigrate.core.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.StandardChangeLogHistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history Liquibase's update reads: only the rows of the changesets it was handed, when they are few. */
class NarrowedHistoryServiceTest {
    @TempDir
    Path resources;
    private DatabaseUrl url;

    @BeforeEach
    void setUp() {
        url = PostgresFixture.newDatabase();
        new ChangeLogFolder(resources).sqlChangeSet("001-crews", "ana", "create table crews (id int)")
                .sqlChangeSet("002-agents", "ana", "create table agents (id int)")
                .sqlChangeSet("003-tasks", "bo", "create table tasks (id int)");
        TestMigrations.of(url, resources).migrate(MigrationListener.NONE);
    }

    @Test
    void narrowedToTheIdsOfTheChangeSetsHandedToUpdate() throws Exception {
        assertEquals(List.of("002-agents"), ids(List.of(changeSet("002-agents"), changeSet("004-new"))));
    }

    @Test
    void everyRowOutsideANarrowedRunAndWhenTheIdsAreMany() throws Exception {
        List<String> all = List.of("001-crews", "002-agents", "003-tasks");
        assertEquals(all, ids(null));
        assertEquals(all, ids(IntStream.rangeClosed(1, 1_001).mapToObj(i -> changeSet("new-" + i)).toList()));
    }

    @Test
    void findsEachChangeSetsRowAsPlainLiquibaseFindsIt() throws Exception {
        try (Connection connection = PostgresFixture.connect(url); Statement statement = connection.createStatement()) {
            statement.execute(row("002-AGENTS", "ANA", ChangeLogFolder.MASTER, 4)); // the same under ignore-case, later
            statement.execute(row("002-agents", "ana", "db/changelog/other.yaml", 5));
            statement.execute(row("004-x", "cy", "db/changelog/other.yaml", 6));
            statement.execute(row("004-X", "cy", "db/changelog/other.yaml", 7)); // the first of two matches counts
            NarrowedHistoryService history = new NarrowedHistoryService();
            history.setDatabase(Databases.wrap(connection));
            List<ChangeSet> probes = List.of(inItsFile("001-crews", "ana"), inItsFile("001-CREWS", "Ana"),
                    changeSet("002-Agents"),
                    new ChangeSet("002-agents", "ANA", false, false, "db/changelog/other.yaml", null, null, null),
                    inItsFile("003-tasks", "bo"), inItsFile("003-tasks", "ana"),
                    new ChangeSet("004-X", "CY", false, false, "db/changelog/other.yaml", null, null, null),
                    changeSet("005-missing"), changeSet("K-kelvin"));
            assertFoundAsLiquibaseFindsIt(history, connection, probes, 6);

            ChangeSet applied = changeSet("005-missing");
            history.setExecType(applied, ChangeSet.ExecType.EXECUTED); // update appends the row of what it ran
            assertSame(history.getRanChangeSets().get(7), history.getRanChangeSet(applied));
            assertFoundAsLiquibaseFindsIt(history, connection, probes, 7);

            statement.execute(row("\u212A-KELVIN", "ana", ChangeLogFolder.MASTER, 8)); // Kelvin sign: Unicode's rules
            history.reset();
            assertSame(history.getRanChangeSets().get(8), history.getRanChangeSet(changeSet("K-kelvin")));
            assertFoundAsLiquibaseFindsIt(history, connection, probes, 8);
        }
    }

    /**
     * Each probe's row is the one plain Liquibase's history service finds, reading the same database: the same
     * position in the history; {@code found} of them have one.
     */
    private static void assertFoundAsLiquibaseFindsIt(NarrowedHistoryService history, Connection connection,
                                                      List<ChangeSet> probes, int found) throws Exception {
        StandardChangeLogHistoryService plain = new StandardChangeLogHistoryService();
        plain.setDatabase(Databases.wrap(connection));
        int rows = 0;
        for (ChangeSet probe : probes) {
            int theirs = position(plain.getRanChangeSets(), plain.getRanChangeSet(probe));
            assertEquals(theirs, position(history.getRanChangeSets(), history.getRanChangeSet(probe)), probe.toString());
            rows += theirs < 0 ? 0 : 1;
        }
        assertEquals(found, rows);
    }

    private static int position(List<RanChangeSet> rows, RanChangeSet row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == row) {
                return i;
            }
        }
        return -1;
    }

    private static ChangeSet inItsFile(String id, String author) {
        String file = "db/changelog/changes/" + id.toLowerCase(Locale.ROOT) + ".yaml";
        return new ChangeSet(id, author, false, false, file, null, null, null);
    }

    private static String row(String id, String author, String file, int order) {
        return "insert into databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) values (U&'"
                + id + "', '" + author + "', '" + file + "', now(), " + order + ", 'EXECUTED')";
    }

    /** The ids of the rows the history service reads, narrowed to these changesets, or not at all when null. */
    private List<String> ids(List<ChangeSet> handed) throws Exception {
        try (Connection connection = PostgresFixture.connect(url)) {
            NarrowedHistoryService history = new NarrowedHistoryService();
            history.setDatabase(Databases.wrap(connection));
            List<RanChangeSet> rows = handed == null ? history.getRanChangeSets()
                    : NarrowedHistoryService.narrowedTo(handed, history::getRanChangeSets);
            return rows.stream().map(RanChangeSet::getId).toList();
        }
    }

    private static ChangeSet changeSet(String id) {
        return new ChangeSet(id, "ana", false, false, ChangeLogFolder.MASTER, null, null, null);
    }
}
