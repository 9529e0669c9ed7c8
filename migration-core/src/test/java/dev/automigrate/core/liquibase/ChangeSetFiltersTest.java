package dev.automigrate.core.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.changelog.ChangeSetFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import liquibase.ContextExpression;
import liquibase.Labels;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.sql.visitor.ReplaceSqlVisitor;
import org.junit.jupiter.api.Test;

/** The run's filters select each changeset exactly as Liquibase's own filters do, including their shortcuts. */
class ChangeSetFiltersTest {

    private static final List<ChangeSetFilter> RUNS = List.of(
            ChangeSetFilter.NONE,
            new ChangeSetFilter("prod", null),
            new ChangeSetFilter("@prod", null),
            new ChangeSetFilter("test and !prod", null),
            new ChangeSetFilter(null, "billing"),
            new ChangeSetFilter(null, "!billing"),
            new ChangeSetFilter("prod", "billing or audit"));

    @Test
    void selectsWhatLiquibasesFiltersAcceptForEveryRunAndChangeSet() {
        int compared = 0;
        for (ChangeSetFilter run : RUNS) {
            for (Supplier<ChangeSet> shape : shapes()) {
                ChangeSet ours = shape.get();
                ChangeSet theirs = shape.get();
                boolean liquibase = new ContextChangeSetFilter(ChangeSetFilters.contexts(run)).accepts(theirs).isAccepted()
                        && new LabelChangeSetFilter(ChangeSetFilters.labels(run)).accepts(theirs).isAccepted()
                        && new IgnoreChangeSetFilter().accepts(theirs).isAccepted();

                assertEquals(liquibase, new ChangeSetFilters(run).selects(ours),
                        describe(theirs) + " under " + run.describe());
                assertEquals(theirs.getSqlVisitors().size(), ours.getSqlVisitors().size(),
                        "modifySql kept for " + describe(theirs));
                compared++;
            }
        }
        assertEquals(RUNS.size() * shapes().size(), compared);
    }

    @Test
    void withNoFilterAChangeSetWithoutContextsIsSelectedAndAnIgnoredOneIsNot() {
        ChangeSetFilters none = new ChangeSetFilters(ChangeSetFilter.NONE);

        assertTrue(none.selects(changeSet(null, null)));
        assertFalse(none.selects(ignored()));
    }

    private static List<Supplier<ChangeSet>> shapes() {
        List<Supplier<ChangeSet>> shapes = new ArrayList<>();
        shapes.add(() -> changeSet(null, null));
        shapes.add(() -> changeSet("prod", null));
        shapes.add(() -> changeSet("!prod", null));
        shapes.add(() -> changeSet("@prod", null));
        shapes.add(() -> changeSet("test", "billing"));
        shapes.add(() -> changeSet(null, "billing"));
        shapes.add(() -> changeSet(null, "audit"));
        shapes.add(() -> included("prod"));
        shapes.add(() -> included("test"));
        shapes.add(() -> withModifySql("test"));
        shapes.add(() -> withModifySql("prod"));
        shapes.add(ChangeSetFiltersTest::ignored);
        return shapes;
    }

    private static ChangeSet changeSet(String contexts, String labels) {
        return changeSet(contexts, labels, new DatabaseChangeLog("db/changelog/master.yaml"));
    }

    private static ChangeSet changeSet(String contexts, String labels, DatabaseChangeLog file) {
        ChangeSet changeSet = new ChangeSet("1", "dev", false, false, file.getFilePath(), contexts, null, file);
        if (labels != null) {
            changeSet.setLabels(new Labels(labels));
        }
        return changeSet;
    }

    /** A changeset without contexts in a file included with {@code context:}. */
    private static ChangeSet included(String includeContexts) {
        DatabaseChangeLog master = new DatabaseChangeLog("db/changelog/master.yaml");
        DatabaseChangeLog file = new DatabaseChangeLog("db/changelog/included.yaml");
        file.setParentChangeLog(master);
        file.setIncludeContextFilter(new ContextExpression(includeContexts));
        return changeSet(null, null, file);
    }

    /** A changeset without contexts whose modifySql has some. */
    private static ChangeSet withModifySql(String contexts) {
        ChangeSet changeSet = changeSet(null, null);
        ReplaceSqlVisitor visitor = new ReplaceSqlVisitor();
        visitor.setReplace("a");
        visitor.setWith("b");
        visitor.setContextFilter(new ContextExpression(contexts));
        changeSet.addSqlVisitor(visitor);
        return changeSet;
    }

    private static ChangeSet ignored() {
        ChangeSet changeSet = changeSet(null, null);
        changeSet.setIgnore(true);
        return changeSet;
    }

    private static String describe(ChangeSet changeSet) {
        return "changeset contexts=" + changeSet.getContextFilter() + " labels=" + changeSet.getLabels()
                + " inherited=" + changeSet.getInheritableContextFilter() + " modifySql="
                + changeSet.getSqlVisitors().size() + " ignore=" + changeSet.isIgnore();
    }
}
