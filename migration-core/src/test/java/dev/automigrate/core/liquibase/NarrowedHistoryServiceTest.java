package dev.automigrate.core.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.IntStream;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
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
