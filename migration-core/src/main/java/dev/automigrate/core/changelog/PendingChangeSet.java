package dev.automigrate.core.changelog;

/** A changeset of the changelog that the database has not applied yet. */
public record PendingChangeSet(String id, String author, String changeLog, String description) {
    public String identity() {
        return ChangeSetPaths.identity(changeLog, id, author);
    }
}
