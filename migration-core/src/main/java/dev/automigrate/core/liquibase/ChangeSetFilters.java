package dev.automigrate.core.liquibase;

import dev.automigrate.core.changelog.ChangeSetFilter;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;

/** A run's {@link ChangeSetFilter} as Liquibase's own filters, so a changeset is selected exactly as Liquibase would. */
final class ChangeSetFilters {
    private final boolean anyContexts;
    private final boolean anyLabels;
    private final ContextChangeSetFilter contexts;
    private final LabelChangeSetFilter labels;
    private final IgnoreChangeSetFilter ignore = new IgnoreChangeSetFilter();

    ChangeSetFilters(ChangeSetFilter filter) {
        Contexts runContexts = contexts(filter);
        LabelExpression runLabels = labels(filter);
        this.anyContexts = !runContexts.isEmpty();
        this.anyLabels = !runLabels.isEmpty();
        this.contexts = new ContextChangeSetFilter(runContexts);
        this.labels = new LabelChangeSetFilter(runLabels);
    }

    /** Whether the run's update would consider this changeset: its contexts, labels and {@code ignore}. */
    boolean selects(ChangeSet changeSet) {
        return selectedByContexts(changeSet) && (!anyLabels || labels.accepts(changeSet).isAccepted())
                && ignore.accepts(changeSet).isAccepted();
    }

    /**
     * Liquibase's context filter, asked only where its answer is not already known: with no context set for the
     * run, nor on the changeset, its includes or its modifySql, it accepts (and changes nothing). Asking it for each
     * changeset of a long history costs more than the rest of reading the history's records. With no label set for
     * the run, its label filter accepts every changeset the same way.
     */
    private boolean selectedByContexts(ChangeSet changeSet) {
        boolean noneAnywhere = !anyContexts && changeSet.getSqlVisitors().isEmpty()
                && (changeSet.getContextFilter() == null || changeSet.getContextFilter().isEmpty())
                && changeSet.getInheritableContextFilter().isEmpty();
        return noneAnywhere || contexts.accepts(changeSet).isAccepted();
    }

    static Contexts contexts(ChangeSetFilter filter) {
        return filter.contexts() == null ? new Contexts() : new Contexts(filter.contexts());
    }

    static LabelExpression labels(ChangeSetFilter filter) {
        return filter.labels() == null ? new LabelExpression() : new LabelExpression(filter.labels());
    }
}
