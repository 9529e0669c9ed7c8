package dev.automigrate.core.liquibase.incremental;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.changelog.ChangeSetRecord;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import liquibase.ContextExpression;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParser;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * One YAML file parsed item by item. A changeset item is stood in for by its record when the record matches
 * everything its changeset depends on: the item's text and the file's header items, the database's row with the
 * record's checksum, the resources its checksum read and the values its parameters expand to. Liquibase's own parser
 * loads the other items, with the header items, from a text of only those items read under the file's real path;
 * the file's changelog then holds the records and Liquibase's changesets in item order, as a whole parse would.
 */
final class ItemwiseParse {
    private static final String ROOT = "databaseChangeLog:\n";

    private final IncrementalParse parse;
    private final ChangeLogParser next;
    private final String path;
    private final YamlItems items;
    private final ChangeLogParameters parameters;
    private final ResourceAccessor accessor;

    ItemwiseParse(IncrementalParse parse, ChangeLogParser next, String path, YamlItems items,
                  ChangeLogParameters parameters, ResourceAccessor accessor) {
        this.parse = parse;
        this.next = next;
        this.path = path;
        this.items = items;
        this.parameters = parameters;
        this.accessor = accessor;
    }

    /** The file's changelog, or null when nothing can be reused or a doubt remains: then it is parsed whole. */
    DatabaseChangeLog run() throws Exception {
        ChangeLogFileRecord recorded = parse.recorded(path);
        if (recorded == null || !recorded.headerDigest().equals(items.headerDigest())) {
            return null;
        }
        Map<String, Deque<ChangeSetRecord>> byDigest = new HashMap<>();
        recorded.changeSets().forEach(r -> byDigest.computeIfAbsent(r.itemDigest(), d -> new ArrayDeque<>()).add(r));
        ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
        List<Object> plan = new ArrayList<>();
        StringBuilder text = new StringBuilder(ROOT);
        int headers = 0;
        int changed = 0;
        for (YamlItems.Item item : items.items()) {
            if (!item.isChangeSet()) {
                append(text, item);
                headers++;
                continue;
            }
            Deque<ChangeSetRecord> same = byDigest.get(item.digest());
            ChangeSetRecord record = same == null ? null : same.poll();
            if (record != null && parse.applied(record) && resourcesAsRecorded(record, resources)) {
                plan.add(record);
            } else {
                plan.add(item);
                append(text, item);
                changed++;
            }
        }
        if (changed == plan.size()) {
            return null;
        }
        DatabaseChangeLog changeLog;
        if (changed == 0 && headers == 0) {
            changeLog = withoutItems();
        } else {
            YamlItems loading = YamlItems.of(text.toString()).orElse(null);
            if (loading == null || loading.items().size() != headers + changed) {
                return null;
            }
            changeLog = next.parse(path, parameters, new OverlayAccessor(accessor, path, text.toString()));
            if (!oneChangeSetPerItem(changeLog, changed) || !ItemBoundaries.confirmed(loading, changed)) {
                return null;
            }
        }
        if (!parametersAsRecorded(plan, changeLog)) {
            return null;
        }
        return assemble(changeLog, plan, plan.size() - changed, changed);
    }

    /**
     * Notes what a whole parse of a file yielded, item by item, when it can be recorded: an itemwise file, one
     * changeset per changeset item, which a YAML parser sees where the line scan does.
     *
     * @param items the file's items when it is itemwise, else null
     */
    static void noteWhole(IncrementalParse parse, DatabaseChangeLog changeLog, YamlItems items,
                          ChangeLogParameters parameters) {
        String path = changeLog.getPhysicalFilePath();
        List<ChangeSet> own = changeLog.getChangeSets().stream().filter(c -> c.getChangeLog() == changeLog).toList();
        List<YamlItems.Item> changeSetItems = items == null ? List.of()
                : items.items().stream().filter(YamlItems.Item::isChangeSet).toList();
        if (items == null || !oneChangeSetPerItem(changeLog, changeSetItems.size())
                || !ItemBoundaries.confirmed(items, own.size())) {
            parse.fileNotRecordable(path, own.size());
            return;
        }
        IdentityHashMap<ChangeSet, FileParse.Note> notes = new IdentityHashMap<>();
        for (int i = 0; i < own.size(); i++) {
            notes.put(own.get(i), note(own.get(i), changeSetItems.get(i), changeLog, parameters));
        }
        parse.fileParsed(new FileParse(path, items.headerDigest(), own, notes), 0, own.size());
    }

    /** A file whose every changeset is recorded and which has no other item: Liquibase would load nothing else. */
    private DatabaseChangeLog withoutItems() {
        DatabaseChangeLog changeLog = new DatabaseChangeLog(DatabaseChangeLog.normalizePath(path));
        changeLog.setChangeLogParameters(parameters);
        changeLog.setContextFilter(new ContextExpression((String) null)); // as its load of no context sets it
        return changeLog;
    }

    private DatabaseChangeLog assemble(DatabaseChangeLog changeLog, List<Object> plan, int reused, int changed) {
        Iterator<ChangeSet> loaded = new ArrayList<>(changeLog.getChangeSets()).iterator();
        changeLog.getChangeSets().clear();
        List<ChangeSet> inOrder = new ArrayList<>(plan.size());
        IdentityHashMap<ChangeSet, FileParse.Note> notes = new IdentityHashMap<>();
        for (Object step : plan) {
            ChangeSet changeSet;
            if (step instanceof ChangeSetRecord record) {
                changeSet = new RecordedChangeSet(record, changeLog);
            } else {
                changeSet = loaded.next();
                notes.put(changeSet, note(changeSet, (YamlItems.Item) step, changeLog, parameters));
            }
            changeLog.addChangeSet(changeSet);
            inOrder.add(changeSet);
        }
        parse.fileParsed(new FileParse(changeLog.getPhysicalFilePath(), items.headerDigest(), inOrder, notes),
                reused, changed);
        return changeLog;
    }

    /** Each changeset item loaded as one changeset, none skipped for another database, none moved by runOrder. */
    private static boolean oneChangeSetPerItem(DatabaseChangeLog changeLog, int changeSetItems) {
        List<ChangeSet> own = changeLog.getChangeSets().stream().filter(c -> c.getChangeLog() == changeLog).toList();
        return own.size() == changeLog.getChangeSets().size() && own.size() == changeSetItems
                && changeLog.getSkippedChangeSets().isEmpty() && own.stream().allMatch(c -> c.getRunOrder() == null);
    }

    private boolean parametersAsRecorded(List<Object> plan, DatabaseChangeLog changeLog) {
        for (Object step : plan) {
            if (step instanceof ChangeSetRecord record) {
                for (Map.Entry<String, String> parameter : record.parameters().entrySet()) {
                    if (!parameter.getValue().equals(Digests.ofValue(
                            parameters.expandExpressions("${" + parameter.getKey() + "}", changeLog)))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean resourcesAsRecorded(ChangeSetRecord record, ResourceAccessor resources) {
        try {
            for (Map.Entry<String, String> read : record.resources().entrySet()) {
                Resource resource = resources.get(read.getKey());
                if (resource == null || !resource.exists()) {
                    return false;
                }
                try (InputStream in = resource.openInputStream()) {
                    if (!read.getValue().equals(RecordingAccessor.digest(resource, in.readAllBytes()))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static FileParse.Note note(ChangeSet changeSet, YamlItems.Item item, DatabaseChangeLog changeLog,
                                       ChangeLogParameters parameters) {
        Set<String> names = ParameterReferences.in(item.text());
        Map<String, String> values = null;
        if (names != null) {
            try {
                values = new TreeMap<>();
                for (String name : names) {
                    values.put(name, Digests.ofValue(parameters.expandExpressions("${" + name + "}", changeLog)));
                }
            } catch (RuntimeException e) {
                values = null;
            }
        }
        return new FileParse.Note(item.digest(), changeSet.getLogicalFilePath(), changeSet.getRunWith(),
                changeSet.getRunWithSpoolFile(), values);
    }

    private static void append(StringBuilder text, YamlItems.Item item) {
        text.append(item.text());
        if (!item.text().endsWith("\n")) {
            text.append('\n');
        }
    }
}
