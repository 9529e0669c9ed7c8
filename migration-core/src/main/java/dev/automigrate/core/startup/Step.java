package dev.automigrate.core.startup;

/** The five steps of a startup migration, in order. */
public enum Step {
    CONNECT("test connection"),
    STATUS("check status"),
    INITIALISE_TRACKING("initialise tracking"),
    APPLY("apply pending changesets"),
    VERIFY("verify");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** 1-based position, for "step 2/5". */
    public int number() {
        return ordinal() + 1;
    }
}
