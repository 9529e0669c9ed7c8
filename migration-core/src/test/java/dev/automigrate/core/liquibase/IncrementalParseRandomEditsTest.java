package dev.automigrate.core.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.automigrate.core.DriftException;
import dev.automigrate.core.MigrationListener;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.liquibase.incremental.IncrementalParse;
import dev.automigrate.core.settings.DatabaseUrl;
import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.PlainLiquibase;
import dev.automigrate.core.testing.PostgresFixture;
import dev.automigrate.core.testing.TestMigrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random changelogs, written in the many ways YAML allows (items at column 0 or 2, block or flow maps, flow maps over
 * several lines, quoted scalars, comments, blank lines, CR LF), and random edits between deploys: changesets appended
 * or inserted, files added, includes reordered, files reformatted, runOnChange views edited, a parameter changed, an
 * applied changeset edited (drift) and put back. After each edit the parse that reuses the records must equal a full
 * parse, and the migrate that follows must leave the database as plain Liquibase's update leaves a copy of it. The
 * seeds are fixed, so a failure repeats; its message names the seed, the round and the edits.
 */
class IncrementalParseRandomEditsTest {
    private static final int ROUNDS = 6;
    private static final String CONTEXTS = "prod";

    @TempDir
    Path resources;
    private DatabaseUrl ours;
    private DatabaseUrl plain;
    private Random random;
    private final List<FileSpec> files = new ArrayList<>();
    private int nextId;
    private String note = "n0";

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 23, 37, 41, 59, 67})
    void theReusingParseAndTheMigrateMatchAFullParseAndPlainLiquibase(long seed) throws Exception {
        ours = PostgresFixture.newDatabase();
        plain = PostgresFixture.newDatabase();
        random = new Random(seed);
        files.add(new FileSpec("base", List.of(ChangeSetSpec.runsTable())));
        for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
            newFile();
        }
        int reused = 0;
        int mastersFromRecord = 0;
        List<String> history = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String edits = round == 0 ? "the first deploy" : edit();
            history.add(edits);
            try {
                write();
                if (round > 0) {
                    IncrementalParse parse = FullParseComparison.of(migrations().location(), ours).incremental();
                    reused += parse.reusedChangeSets();
                    mastersFromRecord += parse.includesFromRecord() ? 1 : 0;
                    if (random.nextInt(4) == 0) {
                        driftAndPutBack();
                    }
                }
                migrateBoth();
            } catch (AssertionError | Exception e) {
                throw new AssertionError("seed " + seed + ", round " + round + ", edits so far: " + history + "\n"
                        + e.getMessage(), e);
            }
        }
        assertTrue(reused > 0, "records stood in somewhere, else this compared two full parses: " + history);
        assertTrue(mastersFromRecord > 0, "the master came from its record in some round: " + history);
    }

    // ------------------------------------------------------------------ the edits

    /** One to three random edits; what they were, for the failure message. */
    private String edit() {
        List<String> done = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            switch (random.nextInt(7)) {
                case 0 -> {
                    FileSpec file = anyFile();
                    file.changeSets.add(newChangeSet());
                    done.add("appended to " + file.name);
                }
                case 1 -> {
                    FileSpec file = anyFile();
                    file.changeSets.add(random.nextInt(file.changeSets.size() + 1), newChangeSet());
                    done.add("inserted into " + file.name);
                }
                case 2 -> done.add("added " + newFile().name);
                case 3 -> {
                    int a = random.nextInt(files.size());
                    int b = random.nextInt(files.size());
                    files.add(b, files.remove(a));
                    done.add("moved include " + a + " to " + b);
                }
                case 4 -> {
                    FileSpec file = anyFile();
                    file.reformat(random);
                    done.add("reformatted " + file.name);
                }
                case 5 -> {
                    List<ChangeSetSpec> views = files.stream().flatMap(f -> f.changeSets.stream())
                            .filter(c -> c.kind == Kind.VIEW).toList();
                    if (!views.isEmpty()) {
                        ChangeSetSpec view = views.get(random.nextInt(views.size()));
                        view.version++;
                        done.add("edited view " + view.id);
                    }
                }
                default -> {
                    note = "n" + random.nextInt(1000);
                    done.add("parameter note=" + note);
                }
            }
        }
        return String.join(", ", done);
    }

    private FileSpec newFile() {
        List<ChangeSetSpec> changeSets = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
            changeSets.add(newChangeSet());
        }
        FileSpec file = new FileSpec("f" + nextId++, changeSets);
        file.reformat(random);
        file.relativeInclude = random.nextBoolean();
        file.property = random.nextInt(6) == 0;
        files.add(random.nextInt(files.size()) + 1, file);
        return file;
    }

    private ChangeSetSpec newChangeSet() {
        ChangeSetSpec changeSet = new ChangeSetSpec("cs" + nextId++, Kind.values()[random.nextInt(Kind.values().length)]);
        changeSet.context = switch (random.nextInt(6)) {
            case 0 -> "prod";
            case 1 -> "dev";
            case 2 -> "prod or dev";
            default -> null;
        };
        changeSet.labels = random.nextInt(5) == 0 ? "billing" : null;
        changeSet.comment = random.nextInt(5) == 0 ? "why: " + changeSet.id : null;
        changeSet.reformat(random);
        return changeSet;
    }

    private FileSpec anyFile() {
        return files.get(random.nextInt(files.size()));
    }

    /** An applied changeset edited is drift, for both tools; put back, the round goes on. */
    private void driftAndPutBack() throws Exception {
        List<ChangeSetSpec> tables = files.stream().flatMap(f -> f.changeSets.stream())
                .filter(c -> c.kind == Kind.TABLE && c.applied).toList();
        if (tables.isEmpty()) {
            return;
        }
        ChangeSetSpec table = tables.get(random.nextInt(tables.size()));
        table.drifted = true;
        write();
        var status = FullParseComparison.of(migrations().location(), ours).status();
        assertEquals(List.of(table.id), status.drift().stream().map(d -> d.id()).toList());
        assertThrows(DriftException.class, () -> migrations().migrate(MigrationListener.NONE));
        assertThrows(Exception.class, () -> liquibase().update(plain), "Liquibase's validation refuses it too");
        table.drifted = false;
        write();
    }

    // ------------------------------------------------------------------ the comparisons

    private Migrations migrations() {
        return TestMigrations.of(ours, resources, Map.of("MIGRATION_CONTEXTS", CONTEXTS,
                "MIGRATION_PARAMETERS", "note=" + note));
    }

    private PlainLiquibase liquibase() {
        return PlainLiquibase.of(resources).withContexts(CONTEXTS).withParameters(Map.of("note", note));
    }

    private void migrateBoth() throws Exception {
        migrations().migrate(MigrationListener.NONE);
        liquibase().update(plain);
        assertEquals(PlainLiquibase.rows(plain), PlainLiquibase.rows(ours));
        for (String query : List.of(
                "select table_name from information_schema.tables where table_schema = 'public' "
                        + "and table_name not like 'automigrate%' and table_name <> 'databasechangeloglock' order by 1",
                "select viewname || ': ' || definition from pg_views where schemaname = 'public' order by 1",
                "select note || ' ' || count(*) from runs group by note order by 1")) {
            assertEquals(PlainLiquibase.query(plain, query), PlainLiquibase.query(ours, query), query);
        }
        files.forEach(f -> f.changeSets.stream().filter(ChangeSetSpec::runsUnderTheRunsContexts)
                .forEach(c -> c.applied = true));
        assertFalse(PlainLiquibase.rows(ours).isEmpty());
    }

    private void write() throws Exception {
        ChangeLogFolder folder = new ChangeLogFolder(resources);
        StringBuilder master = new StringBuilder("databaseChangeLog:\n");
        for (FileSpec file : files) {
            master.append(file.relativeInclude
                    ? "  - include: {file: " + file.name + ".yaml, relativeToChangelogFile: true}\n"
                    : "  - include:\n      file: db/changelog/" + file.name + ".yaml\n");
        }
        folder.write(ChangeLogFolder.MASTER, master.toString());
        for (FileSpec file : files) {
            folder.write("db/changelog/" + file.name + ".yaml", file.text());
        }
    }

    // ------------------------------------------------------------------ the changelog

    enum Kind { TABLE, VIEW, NOTE_VIEW, RUN_ALWAYS }

    /** One changeset and how it is written; only what it means decides its checksum, not how it is written. */
    static final class ChangeSetSpec {
        final String id;
        final Kind kind;
        String context;
        String labels;
        String comment;
        int version;
        boolean applied;
        boolean drifted;
        boolean flow;
        boolean flowOverLines;
        boolean quotedId;
        boolean trailingComment;
        int childIndent;

        ChangeSetSpec(String id, Kind kind) {
            this.id = id;
            this.kind = kind;
        }

        static ChangeSetSpec runsTable() {
            ChangeSetSpec runs = new ChangeSetSpec("runs", Kind.TABLE);
            runs.childIndent = 4;
            return runs;
        }

        boolean runsUnderTheRunsContexts() {
            return context == null || context.contains(CONTEXTS);
        }

        void reformat(Random random) {
            flow = random.nextInt(3) == 0;
            flowOverLines = random.nextBoolean();
            quotedId = random.nextInt(3) == 0;
            trailingComment = random.nextInt(4) == 0;
            childIndent = 2 + 2 * random.nextInt(2);
        }

        private Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("id", quotedId ? "\"" + id + "\"" : id);
            attributes.put("author", "ana");
            if (kind == Kind.VIEW || kind == Kind.NOTE_VIEW) {
                attributes.put("runOnChange", "true");
            }
            if (kind == Kind.RUN_ALWAYS) {
                attributes.put("runAlways", "true");
            }
            if (context != null) {
                attributes.put("context", "\"" + context + "\"");
            }
            if (labels != null) {
                attributes.put("labels", labels);
            }
            if (comment != null) {
                attributes.put("comment", "'" + comment + "'");
            }
            return attributes;
        }

        /** The change, as a flow map. */
        private String change() {
            return switch (kind) {
                case TABLE -> id.equals("runs")
                        ? "{sql: \"create table runs (note " + (drifted ? "varchar" : "text") + ")\"}"
                        : "{sql: \"create table t_" + id + " (id " + (drifted ? "bigint" : "int") + ")\"}";
                case VIEW -> "{createView: {viewName: v_" + id + ", replaceIfExists: true, selectQuery: \"select "
                        + version + " as n\"}}";
                case NOTE_VIEW -> "{createView: {viewName: v_" + id + ", replaceIfExists: true, selectQuery: \"select '${note}'"
                        + " as n\"}}";
                case RUN_ALWAYS -> "{sql: \"insert into runs (note) values ('" + id + "')\"}";
            };
        }

        String text(String indent) {
            Map<String, String> attributes = attributes();
            if (flow) {
                String separator = flowOverLines ? ",\n" + indent + "    " : ", ";
                return indent + "- changeSet: {" + attributes.entrySet().stream()
                        .map(a -> a.getKey() + ": " + a.getValue()).collect(Collectors.joining(separator))
                        + separator + "changes: [" + change() + "]}\n";
            }
            String child = indent + "  " + " ".repeat(childIndent);
            StringBuilder text = new StringBuilder(indent).append("- changeSet:\n");
            attributes.forEach((key, value) -> text.append(child).append(key).append(": ").append(value)
                    .append(trailingComment && key.equals("author") ? "   # who\n" : "\n"));
            text.append(child).append("changes:\n").append(child).append("  - ").append(change()).append('\n');
            return text.toString();
        }
    }

    /** One included file and how it is written. */
    static final class FileSpec {
        final String name;
        final List<ChangeSetSpec> changeSets;
        boolean property;
        boolean relativeInclude;
        int column;
        boolean crlf;
        int commentEvery;

        FileSpec(String name, List<ChangeSetSpec> changeSets) {
            this.name = name;
            this.changeSets = new ArrayList<>(changeSets);
        }

        void reformat(Random random) {
            column = random.nextBoolean() ? 0 : 2;
            crlf = random.nextInt(4) == 0;
            commentEvery = random.nextInt(4);
            changeSets.forEach(c -> c.reformat(random));
        }

        String text() {
            String indent = " ".repeat(column);
            StringBuilder text = new StringBuilder("# ").append(name).append("\ndatabaseChangeLog:\n");
            if (property) {
                text.append(indent).append("- property: {name: local_").append(name).append(", value: x}\n");
            }
            for (int i = 0; i < changeSets.size(); i++) {
                if (commentEvery > 0 && i % commentEvery == 0) {
                    text.append(i % 2 == 0 ? "\n" : "").append(" ".repeat(i % 3)).append("# item ").append(i)
                            .append('\n');
                }
                text.append(changeSets.get(i).text(indent));
            }
            String lf = text.toString();
            return crlf ? lf.replace("\n", "\r\n") : lf;
        }
    }
}
