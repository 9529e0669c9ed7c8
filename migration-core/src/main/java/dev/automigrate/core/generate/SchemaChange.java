package dev.automigrate.core.generate;

/**
 * One change a schema diff found, as the generated changeset writes it.
 *
 * @param change       the Liquibase change type, as in the file: {@code addColumn}, {@code createIndex}, {@code sql}
 * @param target       what it changes: {@code crew.budget}, {@code mission_crew_idx on mission}, or the SQL
 * @param destroysData whether applying it loses data ({@code dropTable}, {@code dropColumn}): such a change is
 *                     written only when drops are allowed
 */
public record SchemaChange(String change, String target, boolean destroysData) {
    @Override
    public String toString() {
        return change + " " + target;
    }
}
