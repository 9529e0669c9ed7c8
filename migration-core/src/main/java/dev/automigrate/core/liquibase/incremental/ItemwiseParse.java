package dev.automigrate.core.liquibase.incremental;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.changelog.ChangeSetRecord;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * One YAML file's parse, item by item. A changeset item is stood in for by its record when the record matches
 * everything its changeset depends on: the item's text and the file's header items, the database's row with the
 * record's checksum, the resources its checksum read and the values its parameters expand to. Liquibase's own parser
 * loads the other items, with the header items, from a text of only those items read under the file's real path;
 * the file's changelog then holds the records and Liquibase's changesets in item order, as a whole parse would. A
 * file unchanged since its records stood for all of it is not even cut into items.
 */
final class ItemwiseParse {
    private static final byte[] ROOT = "databaseChangeLog:\n".getBytes(StandardCharsets.US_ASCII);

    private final IncrementalParse parse;
    private final ChangeLogParser next;
    private final String path;
    /** The path as Liquibase names the file; normalising reads a Liquibase setting, so it is done once. */
    private final String normalizedPath;
    private final byte[] content;
    private final ChangeLogParameters parameters;
    private final ResourceAccessor accessor;
    private YamlItems items;
    private boolean scanned;

    /** @param content the file's bytes, or null when they could not be read here */
    ItemwiseParse(IncrementalParse parse, ChangeLogParser next, String path, byte[] content,
                  ChangeLogParameters parameters, ResourceAccessor accessor) {
        this.parse = parse;
        this.next = next;
        this.path = path;
        this.normalizedPath = DatabaseChangeLog.normalizePath(path);
        this.content = content;
        this.parameters = parameters;
        this.accessor = accessor;
    }

    /**
     * The file's changelog from its records alone, when its content is what they were made from and they stand for
     * every changeset of it; null otherwise.
     */
    DatabaseChangeLog unchanged() {
        ChangeLogFileRecord recorded = parse.recorded(normalizedPath);
        if (content == null || recorded == null || recorded.contentDigest() == null || !recorded.includes().isEmpty()
                || !recorded.contentDigest().equals(Digests.ofContent(content))) {
            return null;
        }
        ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
        for (ChangeSetRecord record : recorded.changeSets()) {
            if (!parse.applied(record) || !resourcesAsRecorded(record, resources)) {
                return null;
            }
        }
        DatabaseChangeLog changeLog = withoutItems();
        List<Object> plan = new ArrayList<>(recorded.changeSets());
        if (!parametersAsRecorded(plan, changeLog)) {
            return null;
        }
        return assemble(changeLog, plan, recorded.contentDigest(), recorded.headerDigest(), 0);
    }

    /** The file's changelog with records standing in where they match, or null when it must be parsed whole. */
    DatabaseChangeLog itemwise() throws Exception {
        YamlItems items = items();
        ChangeLogFileRecord recorded = parse.recorded(normalizedPath);
        if (items == null || items.reasonToParseWhole() != null || recorded == null
                || !recorded.headerDigest().equals(items.headerDigest())) {
            return null;
        }
        Map<String, Deque<ChangeSetRecord>> byDigest = new HashMap<>();
        recorded.changeSets().forEach(r -> byDigest.computeIfAbsent(r.itemDigest(), d -> new ArrayDeque<>()).add(r));
        ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
        List<Object> plan = new ArrayList<>();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes(ROOT);
        int headers = 0;
        int changed = 0;
        for (YamlItems.Item item : items.items()) {
            if (!item.isChangeSet()) {
                item.appendTo(text);
                headers++;
                continue;
            }
            Deque<ChangeSetRecord> same = byDigest.get(item.digest());
            ChangeSetRecord record = same == null ? null : same.poll();
            if (record != null && parse.applied(record) && resourcesAsRecorded(record, resources)) {
                plan.add(record);
            } else {
                plan.add(item);
                item.appendTo(text);
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
            YamlItems loading = YamlItems.of(text.toByteArray()).orElse(null);
            if (loading == null || loading.items().size() != headers + changed) {
                return null;
            }
            changeLog = next.parse(path, parameters, new OverlayAccessor(accessor, path, loading.content()));
            if (!oneChangeSetPerItem(changeLog, changed) || !ItemBoundaries.confirmed(loading, changed)) {
                return null;
            }
        }
        if (!parametersAsRecorded(plan, changeLog)) {
            return null;
        }
        return assemble(changeLog, plan, contentDigest(items), items.headerDigest(), changed);
    }

    /**
     * Notes what Liquibase's whole parse of the file yielded, item by item, when it can be recorded: an itemwise file,
     * one changeset per changeset item, which a YAML parser sees where the line scan does.
     */
    void noteWhole(DatabaseChangeLog changeLog) {
        String file = changeLog.getPhysicalFilePath();
        List<ChangeSet> own = changeLog.getChangeSets().stream().filter(c -> c.getChangeLog() == changeLog).toList();
        YamlItems items = items();
        if (items == null || items.reasonToParseWhole() != null) {
            parse.fileNotRecordable(file, own.size());
            return;
        }
        List<YamlItems.Item> changeSetItems = items.items().stream().filter(YamlItems.Item::isChangeSet).toList();
        if (!oneChangeSetPerItem(changeLog, changeSetItems.size()) || !ItemBoundaries.confirmed(items, own.size())) {
            parse.fileNotRecordable(file, own.size());
            return;
        }
        IdentityHashMap<ChangeSet, FileParse.Note> notes = new IdentityHashMap<>();
        for (int i = 0; i < own.size(); i++) {
            notes.put(own.get(i), note(own.get(i), changeSetItems.get(i), changeLog));
        }
        parse.fileParsed(new FileParse(file, contentDigest(items), items.headerDigest(), own, notes), 0, own.size());
    }

    private YamlItems items() {
        if (!scanned) {
            items = content == null ? null : YamlItems.of(content).orElse(null);
            scanned = true;
        }
        return items;
    }

    /** The content's digest when a record could stand for all of the file: no header items. */
    private String contentDigest(YamlItems items) {
        return items.items().stream().allMatch(YamlItems.Item::isChangeSet) ? Digests.ofContent(content) : null;
    }

    /** A file whose every changeset is recorded and which has no other item: Liquibase would load nothing else. */
    private DatabaseChangeLog withoutItems() {
        DatabaseChangeLog changeLog = new DatabaseChangeLog(normalizedPath);
        changeLog.setChangeLogParameters(parameters);
        changeLog.setContextFilter(new ContextExpression((String) null)); // as its load of no context sets it
        return changeLog;
    }

    /** The changelog's changesets in item order: records stood in, Liquibase's in between. */
    private DatabaseChangeLog assemble(DatabaseChangeLog changeLog, List<Object> plan, String contentDigest,
                                       String headerDigest, int changed) {
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
                notes.put(changeSet, note(changeSet, (YamlItems.Item) step, changeLog));
            }
            changeLog.addChangeSet(changeSet);
            inOrder.add(changeSet);
        }
        parse.fileParsed(new FileParse(changeLog.getPhysicalFilePath(), contentDigest, headerDigest, inOrder, notes),
                plan.size() - changed, changed);
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

    private FileParse.Note note(ChangeSet changeSet, YamlItems.Item item, DatabaseChangeLog changeLog) {
        // without a "$" or an escape, no reference: no need to decode the item
        Set<String> names = item.mayReferToParameters() ? ParameterReferences.in(item.text()) : Set.of();
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

}
