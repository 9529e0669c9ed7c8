package dev.automigrate.core.changelog;

/** Changelog paths compared the way Liquibase compares them, so its rows and ours agree. */
public final class ChangeSetPaths {
    private ChangeSetPaths() {
    }

    public static String normalise(String path) {
        if (path == null) {
            return "";
        }
        String normalised = path.replace('\\', '/');
        if (normalised.startsWith("classpath:")) {
            normalised = normalised.substring("classpath:".length());
        }
        while (normalised.startsWith("/")) {
            normalised = normalised.substring(1);
        }
        while (normalised.startsWith("./")) {
            normalised = normalised.substring(2);
        }
        return normalised;
    }

    /** The identity Liquibase uses, {@code path::id::author}. */
    public static String identity(String changeLog, String id, String author) {
        return normalise(changeLog) + "::" + id + "::" + author;
    }
}
