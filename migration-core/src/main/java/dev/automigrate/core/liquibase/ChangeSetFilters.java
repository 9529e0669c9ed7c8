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
    private final ContextChangeSetFilter contexts;
    private final LabelChangeSetFilter labels;
    private final IgnoreChangeSetFilter ignore = new IgnoreChangeSetFilter();

    ChangeSetFilters(ChangeSetFilter filter) {
        this.contexts = new ContextChangeSetFilter(contexts(filter));
        this.labels = new LabelChangeSetFilter(labels(filter));
    }

    /** Whether the run's update would consider this changeset: its contexts, labels and {@code ignore}. */
    boolean selects(ChangeSet changeSet) {
        return contexts.accepts(changeSet).isAccepted() && labels.accepts(changeSet).isAccepted()
                && ignore.accepts(changeSet).isAccepted();
    }

    static Contexts contexts(ChangeSetFilter filter) {
        return filter.contexts() == null ? new Contexts() : new Contexts(filter.contexts());
    }

    static LabelExpression labels(ChangeSetFilter filter) {
        return filter.labels() == null ? new LabelExpression() : new LabelExpression(filter.labels());
    }
}
