package dev.automigrate.core.liquibase.incremental;

import dev.automigrate.core.changelog.ChangeSetRecord;
import java.util.ArrayList;
import java.util.List;
import liquibase.ChecksumVersion;
import liquibase.Labels;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.database.Database;
import liquibase.database.ObjectQuotingStrategy;

/**
 * An applied changeset whose item is unchanged since it was recorded, standing in for it without being parsed:
 * identity, attributes and checksum from its {@link ChangeSetRecord}, no changes. Liquibase's include, filters and
 * this project's status treat it as any other changeset. It never runs: it exists only while the database has its
 * row with exactly its checksum, so nothing would run it, and update is handed the other changesets only
 * ({@link #setAside}). Asked to run or roll back all the same, it fails rather than record a run that did nothing.
 */
public final class RecordedChangeSet extends ChangeSet {
    private final ChangeSetRecord record;
    private final CheckSum recordedChecksum;

    /** As Liquibase's {@code ChangeSet.load} would set it up from the item, in the file's changelog. */
    RecordedChangeSet(ChangeSetRecord record, DatabaseChangeLog changeLog) {
        super(record.id(), record.author(), record.runAlways(), record.runOnChange(), filePath(record, changeLog),
                record.contextFilter(), record.dbms(), record.runWith(), record.runWithSpoolFile(),
                record.runInTransaction(), ObjectQuotingStrategy.valueOf(record.objectQuoting()), changeLog);
        this.record = record;
        this.recordedChecksum = CheckSum.parse(record.checksum());
        this.checkSum = recordedChecksum;
        setChangeLogParameters(changeLog.getChangeLogParameters());
        setLabels(new Labels(record.labels()));
        setIgnore(record.ignore());
        setCreated(record.created());
        setFailOnError(record.failOnError());
        setOnValidationFail(ValidationFailOption.valueOf(record.onValidationFail()));
        setComments(record.comments());
        setLogicalFilePath(record.logicalFilePath());
        record.validCheckSums().forEach(this::addValidCheckSum);
    }

    private static String filePath(ChangeSetRecord record, DatabaseChangeLog changeLog) {
        return record.logicalFilePath() == null ? changeLog.getFilePath()
                : record.logicalFilePath().replaceAll("\\\\", "/").replaceFirst("^/", "");
    }

    public ChangeSetRecord record() {
        return record;
    }

    /**
     * Takes the recorded changesets out of the changelog's list until the returned handle is closed: Liquibase's
     * update then validates and visits only the changesets it may have to run (and those that drifted, so that its
     * validation still reports them). Its preconditions and everything else of the changelog stay as they are.
     */
    public static AutoCloseable setAside(DatabaseChangeLog changeLog) {
        List<ChangeSet> all = new ArrayList<>(changeLog.getChangeSets());
        if (all.stream().noneMatch(RecordedChangeSet.class::isInstance)) {
            return () -> { };
        }
        changeLog.getChangeSets().removeIf(RecordedChangeSet.class::isInstance);
        return () -> {
            changeLog.getChangeSets().clear();
            changeLog.getChangeSets().addAll(all);
        };
    }

    @Override
    public CheckSum generateCheckSum(ChecksumVersion version) {
        if (version.getVersion() != recordedChecksum.getVersion()) {
            throw new IllegalStateException(this + " is recorded with its checksum version "
                    + recordedChecksum.getVersion() + " only");
        }
        return recordedChecksum;
    }

    @Override
    public void clearCheckSum() {
        // there are no changes to compute it from again: the recorded one is the checksum of the unchanged item
    }

    @Override
    public String getDescription() {
        return record.description();
    }

    @Override
    public ExecType execute(DatabaseChangeLog databaseChangeLog, ChangeExecListener listener, Database database) {
        throw new IllegalStateException(this + " was not parsed (it is applied and unchanged) and cannot run");
    }

    @Override
    public void rollback(Database database, ChangeExecListener listener) {
        throw new IllegalStateException(this + " was not parsed (it is applied and unchanged) and cannot be rolled back");
    }
}
