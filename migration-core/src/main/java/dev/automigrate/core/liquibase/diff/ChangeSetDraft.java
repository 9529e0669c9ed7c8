package dev.automigrate.core.liquibase.diff;

import dev.automigrate.core.MigrationException;
import dev.automigrate.core.generate.GenerationFailedException;
import dev.automigrate.core.generate.SchemaChange;
import dev.automigrate.core.liquibase.LiquibaseErrors;
import dev.automigrate.core.liquibase.LiquibaseScope;
import java.util.ArrayList;
import java.util.List;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;

/**
 * One generated changeset, before it is written: its changes and, once computed, its rollback. Immutable; the
 * YAML is what the changeset file will hold below its header.
 */
public final class ChangeSetDraft {
    private final String id;
    private final String author;
    private final String comment;
    private final List<Change> changes;
    private final List<Change> rollbackFirst;
    private final List<Change> rollbackLast;
    private final List<Change> rollback;

    ChangeSetDraft(String id, String author, String comment, List<Change> changes, List<Change> rollbackFirst,
                   List<Change> rollbackLast) {
        this(id, author, comment, changes, rollbackFirst, rollbackLast, List.of());
    }

    private ChangeSetDraft(String id, String author, String comment, List<Change> changes, List<Change> rollbackFirst,
                           List<Change> rollbackLast, List<Change> rollback) {
        this.id = id;
        this.author = author;
        this.comment = comment;
        this.changes = List.copyOf(changes);
        this.rollbackFirst = List.copyOf(rollbackFirst);
        this.rollbackLast = List.copyOf(rollbackLast);
        this.rollback = List.copyOf(rollback);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<SchemaChange> changes() {
        return changes.stream().map(SchemaComparison::describe).toList();
    }

    public boolean hasRollback() {
        return !rollback.isEmpty();
    }

    /**
     * The same changeset with an explicit rollback: the changes of {@code reverse}, a diff from the schema after
     * this changeset back to the one before it, between the undoing of the catalog's own changes. Unlike
     * Liquibase's derived rollback this covers every change (a changed type, a dropped default, a replaced view),
     * though a dropped column or table comes back empty.
     */
    public ChangeSetDraft withRollback(SchemaComparison reverse) {
        List<Change> undo = new ArrayList<>(rollbackFirst);
        undo.addAll(reverse.liquibaseChanges());
        undo.addAll(rollbackLast);
        return new ChangeSetDraft(id, author, comment, changes, rollbackFirst, rollbackLast, undo);
    }

    /** The changeset as a YAML changelog, without a rollback block unless one was computed. */
    public String yaml() {
        try {
            return LiquibaseScope.run(() -> {
                // no quoting strategy: LEGACY, what the parser assumes, is then not written out
                ChangeSet changeSet = new ChangeSet(id, author, false, false, id + ".yaml", null, null, null, null, true,
                        null, null);
                changeSet.setComments(comment);
                changes.forEach(changeSet::addChange);
                rollback.forEach(changeSet::addRollbackChange);
                return ChangeSetYaml.write(changeSet);
            });
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new GenerationFailedException("cannot write the changeset as YAML: " + LiquibaseErrors.describe(e), e);
        }
    }
}
