package dev.automigrate.core.generate;

import dev.automigrate.core.check.Finding;
import java.time.Duration;
import java.util.List;

/**
 * What a schema diff found and did: the changeset it wrote (none when the changelog already gives the desired
 * schema, or when only changes it may not write differ), the changes in it, the destructive ones it held back, what
 * no change could express, and the pre-deploy rules the new changeset breaks.
 *
 * @param desired      what the changelog was compared with
 * @param server       the scratch server the comparison ran on
 * @param written      the new changeset file, or null when nothing was written
 * @param changes      the changes written, in order
 * @param heldBack     changes that lose data and were left out because drops were not allowed
 * @param notGenerated differences that remain because no Liquibase change expresses them, one line each
 * @param warnings     anything else the user should know about the result
 * @param rollback     whether the file carries an explicit rollback, verified to restore the schema before it
 * @param findings     the pre-deploy safety rules the new changeset's SQL breaks
 * @param duration     the whole run, the scratch server's start included
 */
public record SchemaDifference(SchemaSource desired, String server, GeneratedChangeSet written,
                               List<SchemaChange> changes, List<SchemaChange> heldBack, List<String> notGenerated,
                               List<String> warnings, boolean rollback, List<Finding> findings, Duration duration) {
    public SchemaDifference {
        changes = List.copyOf(changes);
        heldBack = List.copyOf(heldBack);
        notGenerated = List.copyOf(notGenerated);
        warnings = List.copyOf(warnings);
        findings = List.copyOf(findings);
    }

    public boolean wroteFile() {
        return written != null;
    }
}
