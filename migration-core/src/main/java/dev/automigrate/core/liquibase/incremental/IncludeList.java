package dev.automigrate.core.liquibase.incremental;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.changelog.ChangeLogFileRecord.Include;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import liquibase.ContextExpression;
import liquibase.Labels;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.DatabaseChangeLog.OnUnknownFileFormat;
import liquibase.parser.ChangeLogParser;
import liquibase.precondition.Precondition;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.resource.ResourceAccessor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A master of nothing but plain includes of YAML files ({@code file}, and {@code relativeToChangelogFile}) read
 * item by item against its record instead of by Liquibase: an include item unchanged since it was recorded includes
 * the path it included then; a new one goes through Liquibase's own include, as Liquibase's load of the master would
 * hand it over. A file whose records stand for all of it is built from them and linked in as Liquibase's include
 * links it; any other file goes through Liquibase's include. Liquibase would otherwise read the master whole, and
 * resolve, find and check every include, on every run. Any doubt (another key, a parameter, an anchor, a file that
 * cannot be read now, anything failing) leaves the master to Liquibase, which then reports what it reports.
 */
final class IncludeList {
    private static final Set<String> PLAIN_KEYS = Set.of("file", "relativeToChangelogFile");

    private IncludeList() {
    }

    /**
     * The master read against its record, or null when Liquibase must parse it.
     *
     * @param content the master's bytes, or null when they could not be read
     */
    static DatabaseChangeLog fromRecord(IncrementalParse parse, ChangeLogParser next, String path, byte[] content,
                                        ChangeLogParameters parameters, ResourceAccessor accessor) {
        ChangeLogFileRecord recorded = parse.recorded(DatabaseChangeLog.normalizePath(path));
        YamlItems items = content == null || recorded == null || recorded.includes().isEmpty() ? null
                : YamlItems.of(content).orElse(null);
        if (items == null || !onlyPlainIncludeItems(items)) {
            return null;
        }
        Map<String, Deque<String>> recordedPaths = new HashMap<>();
        recorded.includes().forEach(include -> recordedPaths.computeIfAbsent(include.itemDigest(),
                digest -> new ArrayDeque<>()).add(include.path()));
        Runnable giveUp = parse.restorer();
        try {
            DatabaseChangeLog master = new DatabaseChangeLog(recorded.path());
            master.setChangeLogParameters(parameters);
            master.setContextFilter(new ContextExpression((String) null)); // as its load of no context sets it
            List<Include> includes = new ArrayList<>();
            for (YamlItems.Item item : items.items()) {
                Deque<String> same = recordedPaths.get(item.digest());
                String file = same == null ? null : same.poll();
                if (file != null) {
                    include(parse, next, master, file, parameters, accessor);
                } else {
                    file = includeNew(parse, master, item, accessor);
                }
                includes.add(new Include(item.digest(), file));
            }
            parse.fileParsed(new FileParse(recorded.path(), Digests.ofContent(content), items.headerDigest(),
                    List.of(), new IdentityHashMap<>(), includes), 0, 0);
            parse.includesTakenFromRecord();
            return master;
        } catch (Exception e) {
            giveUp.run();
            return null;
        }
    }

    /**
     * Notes the master Liquibase just parsed for its record, when it is a list of plain includes of YAML files that
     * each made one file of its own; returns whether it did.
     *
     * @param included what each include handed to the YAML parser, in order
     */
    static boolean note(IncrementalParse parse, byte[] content, DatabaseChangeLog master, List<String> included) {
        YamlItems items = content == null ? null : YamlItems.of(content).orElse(null);
        List<Map<?, ?>> plain = items == null || !onlyPlainIncludeItems(items) ? null : plainIncludes(items.text());
        if (plain == null || plain.size() != items.items().size() || included.size() != plain.size()
                || master.getRawLogicalFilePath() != null
                || !master.getSkippedChangeSets().isEmpty()
                || !master.getPreconditions().getNestedPreconditions().stream().allMatch(IncludeList::empty)) {
            return false;
        }
        for (ChangeSet changeSet : master.getChangeSets()) {
            DatabaseChangeLog file = changeSet.getChangeLog();
            if (file == master || file.getParentChangeLog() != master || file.isIncludeIgnore()
                    || file.getIncludeContextFilter() != null && !file.getIncludeContextFilter().isEmpty()
                    || file.getIncludeLabels() != null && !file.getIncludeLabels().isEmpty()) {
                return false;
            }
        }
        List<Include> includes = new ArrayList<>();
        for (int i = 0; i < included.size(); i++) {
            includes.add(new Include(items.items().get(i).digest(), included.get(i)));
        }
        parse.fileParsed(new FileParse(master.getPhysicalFilePath(), Digests.ofContent(content), items.headerDigest(),
                List.of(), new IdentityHashMap<>(), includes), 0, 0);
        return true;
    }

    /** Includes the file a recorded item included: from its records when they stand for all of it. */
    private static void include(IncrementalParse parse, ChangeLogParser next, DatabaseChangeLog master, String file,
                                ChangeLogParameters parameters, ResourceAccessor accessor) throws Exception {
        DatabaseChangeLog fromRecords = new ItemwiseParse(parse, next, file, IncrementalYamlParser.read(file, accessor),
                parameters, accessor).unchanged();
        if (fromRecords == null) {
            includeAsLiquibaseLoads(master, file, false, accessor);
            return;
        }
        // what Liquibase's include does with a file it parsed, for an include with no context, labels or ignore
        master.getPreconditions().addNestedPrecondition(fromRecords.getPreconditions());
        fromRecords.setRootChangeLog(master);
        fromRecords.setParentChangeLog(master);
        fromRecords.setIncludeContextFilter(new ContextExpression((String) null));
        fromRecords.setIncludeLabels(new Labels((String) null));
        fromRecords.setIncludeIgnore(false);
        for (ChangeSet changeSet : fromRecords.getChangeSets()) {
            master.addChangeSet(changeSet);
        }
    }

    /** Includes what a new item names, as Liquibase's load of the master would; returns the path it handed over. */
    private static String includeNew(IncrementalParse parse, DatabaseChangeLog master, YamlItems.Item item,
                                     ResourceAccessor accessor) throws Exception {
        List<Map<?, ?>> include = plainIncludes("databaseChangeLog:\n" + item.text());
        if (include == null || include.size() != 1) {
            throw new IllegalStateException("not a plain include");
        }
        int handed = parse.rootIncludes().size();
        includeAsLiquibaseLoads(master, ((String) include.get(0).get("file")).replace('\\', '/'),
                Boolean.TRUE.equals(include.get(0).get("relativeToChangelogFile")), accessor);
        List<String> included = parse.rootIncludes();
        if (included.size() != handed + 1) {
            throw new IllegalStateException("the include handed over no file or several");
        }
        return included.get(handed);
    }

    private static void includeAsLiquibaseLoads(DatabaseChangeLog master, String file, boolean relative,
                                                ResourceAccessor accessor) throws Exception {
        if (!master.include(file, relative, true, accessor, new ContextExpression((String) null),
                new Labels((String) null), null, null, OnUnknownFileFormat.FAIL, null)) {
            throw new IllegalStateException("not included: " + file);
        }
    }

    /** The preconditions of a file without any: what each include adds to its master's. */
    private static boolean empty(Precondition precondition) {
        return precondition instanceof PreconditionContainer container && container.getNestedPreconditions().isEmpty();
    }

    private static boolean onlyPlainIncludeItems(YamlItems items) {
        return !items.items().isEmpty() && !items.usesAnchors() && items.items().stream()
                .allMatch(item -> "include".equals(item.kind()) && !item.mayReferToParameters());
    }

    /**
     * Each item's include, as SnakeYAML reads the text, when every item is an include of a YAML file with no key but
     * the plain ones; else null.
     */
    private static List<Map<?, ?>> plainIncludes(String text) {
        try {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (!(root instanceof Map<?, ?> map) || map.size() != 1
                    || !(map.get("databaseChangeLog") instanceof List<?> list)) {
                return null;
            }
            List<Map<?, ?>> includes = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> entry) || entry.size() != 1
                        || !(entry.get("include") instanceof Map<?, ?> include)
                        || !PLAIN_KEYS.containsAll(include.keySet())
                        || !(include.get("file") instanceof String file)
                        || !(file.toLowerCase(Locale.ROOT).endsWith(".yaml") || file.toLowerCase(Locale.ROOT).endsWith(".yml"))
                        || include.containsKey("relativeToChangelogFile")
                        && !(include.get("relativeToChangelogFile") instanceof Boolean)) {
                    return null;
                }
                includes.add(include);
            }
            return includes;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
