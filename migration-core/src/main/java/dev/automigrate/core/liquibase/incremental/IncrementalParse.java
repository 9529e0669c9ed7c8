package dev.automigrate.core.liquibase.incremental;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.changelog.ChangeSetPaths;
import dev.automigrate.core.changelog.ChangeSetRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;

/**
 * One parse of the changelog in which {@link IncrementalYamlParser} stands records in for the unchanged, applied
 * changeset items of YAML files (and {@link IncludeList} for the unchanged items of a master of plain includes), and
 * notes what every file yields for the next run's records. The parse is active only inside {@link #run}.
 */
public final class IncrementalParse {
    private static final String SCOPE_KEY = IncrementalParse.class.getName();

    private final PreviousRun previous;
    private final boolean reuse;
    private final Map<String, FileParse> files = new LinkedHashMap<>();
    private final Set<String> notRecordable = new HashSet<>();
    private int reused;
    private int parsed;
    private String root;
    /** How deep the YAML parse now is: 1 inside the master, 2 inside a file it includes, … */
    private int depth;
    private final List<String> rootIncludes = new ArrayList<>();
    private boolean includesFromRecord;

    private IncrementalParse(PreviousRun previous, boolean reuse) {
        this.previous = previous;
        this.reuse = reuse;
    }

    /** A parse that reuses what the previous run recorded. */
    public static IncrementalParse reusing(PreviousRun previous) {
        return new IncrementalParse(previous, true);
    }

    /** A full parse, which only notes what it yields so that the next run can reuse it. */
    public static IncrementalParse noting(PreviousRun previous) {
        return new IncrementalParse(previous, false);
    }

    /**
     * Runs the parse with this state in Liquibase's scope, where the parser finds it.
     *
     * @param root the master's path, as the parse hands it to its parser
     */
    public <T> T run(String root, Callable<T> parse) throws Exception {
        this.root = root;
        return Scope.child(Map.of(SCOPE_KEY, this), parse::call);
    }

    static IncrementalParse current() {
        return Scope.getCurrentScope().get(SCOPE_KEY, IncrementalParse.class);
    }

    /**
     * The first recorded changeset among these that the rows do not record with exactly its checksum under its
     * final identity (its includes may have given it another path since it was recorded), or null when each one
     * has its row. Only then can none of them have to run, be upgraded or be reported otherwise than recorded.
     *
     * @param checksums the checksum of each row of {@code databasechangelog}, by identity
     */
    public String unmatched(Collection<ChangeSet> changeSets, Map<String, String> checksums) {
        for (ChangeSet changeSet : changeSets) {
            if (changeSet instanceof RecordedChangeSet recorded) {
                String identity = ChangeSetPaths.identity(changeSet.getFilePath(), changeSet.getId(),
                        changeSet.getAuthor());
                if (!recorded.record().checksum().equals(checksums.get(identity))) {
                    return identity;
                }
            }
        }
        return null;
    }

    public PreviousRun previous() {
        return previous;
    }

    /** Whether the master was read item by item against its record, instead of whole by Liquibase. */
    public boolean includesFromRecord() {
        return includesFromRecord;
    }

    /** How many changesets records stood in for. */
    public int reusedChangeSets() {
        return reused;
    }

    /** How many changesets Liquibase loaded from YAML files this parse went through. */
    public int parsedChangeSets() {
        return parsed;
    }

    /**
     * Notes that the YAML parser starts on this file; returns whether it is the master. Each call is paired with
     * {@link #leave}.
     */
    boolean enter(String path) {
        boolean isRoot = depth == 0 && path.equals(root);
        if (isRoot) {
            rootIncludes.clear();
        } else if (depth == 1) {
            rootIncludes.add(path);
        }
        depth++;
        return isRoot;
    }

    void leave() {
        depth--;
    }

    /** What the master's includes handed to the YAML parser while Liquibase parsed it, in order. */
    List<String> rootIncludes() {
        return List.copyOf(rootIncludes);
    }

    void includesTakenFromRecord() {
        includesFromRecord = true;
    }

    /** What the parse has noted so far, to go back to when an attempt that noted more is given up. */
    Runnable restorer() {
        Map<String, FileParse> filesBefore = new LinkedHashMap<>(files);
        Set<String> notRecordableBefore = new HashSet<>(notRecordable);
        int reusedBefore = reused;
        int parsedBefore = parsed;
        List<String> rootIncludesBefore = List.copyOf(rootIncludes);
        return () -> {
            rootIncludes.clear();
            rootIncludes.addAll(rootIncludesBefore);
            files.clear();
            files.putAll(filesBefore);
            notRecordable.clear();
            notRecordable.addAll(notRecordableBefore);
            reused = reusedBefore;
            parsed = parsedBefore;
        };
    }

    /** The record of a file that this parse may reuse, or null. */
    ChangeLogFileRecord recorded(String path) {
        return reuse ? previous.files().get(path) : null;
    }

    /** Whether the database has the record's row with exactly its checksum, under the identity it was recorded with. */
    boolean applied(ChangeSetRecord record) {
        return record.checksum().equals(previous.checksums().get(record.identity()));
    }

    void fileParsed(FileParse file, int reusedHere, int parsedHere) {
        reused += reusedHere;
        parsed += parsedHere;
        if (files.containsKey(file.path()) || notRecordable.contains(file.path())) {
            // included more than once: its changesets may get other paths each time
            files.remove(file.path());
            notRecordable.add(file.path());
        } else {
            files.put(file.path(), file);
        }
    }

    void fileNotRecordable(String path, int parsedHere) {
        parsed += parsedHere;
        files.remove(path);
        notRecordable.add(path);
    }

    /** The files whose yield can be recorded, in the order they were parsed. */
    List<FileParse> recordableFiles() {
        return new ArrayList<>(files.values());
    }
}
