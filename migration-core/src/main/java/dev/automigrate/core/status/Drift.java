package dev.automigrate.core.status;

import dev.automigrate.core.changelog.ChangeSetPaths;

/** A difference between what the database applied and what the changelog now says. */
public record Drift(Kind kind, String id, String author, String changeLog, String detail) {

    public enum Kind {
        /** An applied changeset was edited afterwards. */
        CHECKSUM_CHANGED,
        /** The database applied a changeset that the changelog no longer has. */
        MISSING_FROM_CHANGELOG
    }

    public String identity() {
        return ChangeSetPaths.identity(changeLog, id, author);
    }

    /** One line for a human: what differs and what to do. */
    public String describe() {
        return switch (kind) {
            case CHECKSUM_CHANGED -> identity() + " was changed after it was applied (" + detail
                    + "); revert the edit and add a new changeset instead";
            case MISSING_FROM_CHANGELOG -> identity()
                    + " is applied in the database but missing from the changelog; restore it or remove its row";
        };
    }
}
