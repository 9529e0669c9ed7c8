package dev.automigrate.core.liquibase.incremental;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.changelog.ChangeSetPaths;
import dev.automigrate.core.changelog.ChangeSetRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.change.AbstractChange;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.resource.ResourceAccessor;

/**
 * Turns what an {@link IncrementalParse} yielded into the records of its files: records that stood in are kept as
 * they were; a changeset Liquibase loaded is recorded with its checksum, its final identity, the values its
 * parameters expanded to and the resources its checksum read, if it may stand in at all.
 */
public final class ParseRecorder {
    private static final String OWN_CHANGES = "liquibase.change.core";
    private static final String OWN_SQL_VISITORS = "liquibase.sql.visitor";
    /** Whether a change type's checksum may read a resource (a SQL file, a view's or procedure's text, CSV data). */
    private static final ClassValue<Boolean> READS_RESOURCES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            Class<?> checksum = declaring(type, "generateCheckSum");
            if (checksum == AbstractChange.class) {
                return false; // the change's own properties only
            }
            if (checksum == AbstractSQLChange.class) {
                return declaring(type, "openSqlStream") != AbstractSQLChange.class; // its SQL, or a file's
            }
            return true;
        }
    };

    private ParseRecorder() {
    }

    /** The records of every file the parse can record; call inside the run's Liquibase scope, after update. */
    public static List<ChangeLogFileRecord> records(IncrementalParse parse, Database database) throws Exception {
        ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
        List<ChangeLogFileRecord> files = new ArrayList<>();
        for (FileParse file : parse.recordableFiles()) {
            List<ChangeSetRecord> records = new ArrayList<>();
            for (ChangeSet changeSet : file.changeSets()) {
                ChangeSetRecord record = changeSet instanceof RecordedChangeSet recorded ? recorded.record()
                        : record(changeSet, file.notes().get(changeSet), database, accessor);
                if (record != null) {
                    records.add(record);
                }
            }
            // taken whole from its records next time only while they stand for every changeset of it
            String contentDigest = records.size() == file.changeSets().size() ? file.contentDigest() : null;
            files.add(new ChangeLogFileRecord(file.path(), contentDigest, file.headerDigest(), records,
                    file.includes()));
        }
        return files;
    }

    /** The record of a changeset Liquibase loaded, or null when it must be parsed every time. */
    private static ChangeSetRecord record(ChangeSet changeSet, FileParse.Note note, Database database,
                                          ResourceAccessor accessor) throws Exception {
        if (note == null || note.parameters() == null || changeSet.isAlwaysRun() || changeSet.getRunOrder() != null
                || !onlyLiquibasesOwnTypes(changeSet)) {
            return null;
        }
        boolean readsResources = changeSet.getChanges().stream().anyMatch(c -> READS_RESOURCES.get(c.getClass()));
        RecordingAccessor reads = new RecordingAccessor(accessor);
        CheckSum checksum = Scope.child(Map.of(Scope.Attr.database.name(), database,
                Scope.Attr.resourceAccessor.name(), readsResources ? reads : accessor), () -> {
            ChecksumVersion latest = ChecksumVersion.latest();
            CheckSum known = changeSet.generateCheckSum(latest);
            if (readsResources || known.getVersion() != latest.getVersion()) {
                // computed again to see what it reads; a checksum cached by a run on an older row is at its version
                changeSet.clearCheckSum();
                known = changeSet.generateCheckSum(latest);
            }
            return known;
        });
        if (reads.parameterized()) {
            return null;
        }
        return new ChangeSetRecord(note.itemDigest(), changeSet.getId(), changeSet.getAuthor(), note.logicalFilePath(),
                changeSet.getContextFilter() == null ? null : changeSet.getContextFilter().getOriginalString(),
                changeSet.getLabels() == null || changeSet.getLabels().isEmpty() ? null
                        : changeSet.getLabels().toString(),
                changeSet.getDbmsOriginalString(), changeSet.isAlwaysRun(), changeSet.isRunOnChange(),
                changeSet.isRunInTransaction(), changeSet.isIgnore(), changeSet.getFailOnError(),
                changeSet.getOnValidationFail().name(), changeSet.getComments(),
                changeSet.getObjectQuotingStrategy().name(), changeSet.getCreated(),
                changeSet.getValidCheckSums().stream().map(CheckSum::toString).sorted().toList(), note.runWith(),
                note.runWithSpoolFile(), changeSet.getDescription(), checksum.toString(),
                ChangeSetPaths.identity(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor()),
                note.parameters(), reads.read(), ChangeSetSources.sqlFiles(changeSet));
    }

    /** Changes and SQL modifiers of Liquibase's own, whose checksum depends on nothing but what a record checks. */
    private static boolean onlyLiquibasesOwnTypes(ChangeSet changeSet) {
        for (Change change : changeSet.getChanges()) {
            if (!change.getClass().getPackageName().equals(OWN_CHANGES)) {
                return false;
            }
        }
        return changeSet.getSqlVisitors().stream()
                .allMatch(visitor -> visitor.getClass().getPackageName().equals(OWN_SQL_VISITORS));
    }

    private static Class<?> declaring(Class<?> type, String method) {
        try {
            return type.getMethod(method).getDeclaringClass();
        } catch (NoSuchMethodException e) {
            return type;
        }
    }
}
