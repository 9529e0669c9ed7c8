package dev.automigrate.core.startup;

/** The startup modes of product.md, named as they appear in {@code /db-status}. */
public enum Mode {
    AUTOMATIC("automatic"),
    CHECK_ONLY("check-only"),
    PERMISSIVE("permissive");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
