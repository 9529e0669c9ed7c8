package dev.automigrate.core.changelog;

/**
 * Which changesets a run considers, in Liquibase's own syntax: a context expression ({@code prod},
 * {@code dev and !slow}) and a label filter ({@code !billing}). A changeset filtered out is neither pending nor
 * applied by this run, as under Liquibase with the same {@code --contexts} and {@code --label-filter}.
 *
 * @param contexts null when no context was given (then every changeset matches, as in Liquibase)
 * @param labels   null when no label filter was given
 */
public record ChangeSetFilter(String contexts, String labels) {
    public static final ChangeSetFilter NONE = new ChangeSetFilter(null, null);

    public ChangeSetFilter {
        contexts = blankToNull(contexts);
        labels = blankToNull(labels);
    }

    public boolean isEmpty() {
        return contexts == null && labels == null;
    }

    /** {@code contexts 'prod', labels '!billing'}; empty when nothing filters. */
    public String describe() {
        if (isEmpty()) {
            return "";
        }
        return (contexts == null ? "" : "contexts '" + contexts + "'")
                + (contexts != null && labels != null ? ", " : "")
                + (labels == null ? "" : "labels '" + labels + "'");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
