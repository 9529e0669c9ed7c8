package dev.automigrate.bench;

import static dev.automigrate.bench.BenchSupport.deleteRecursively;
import static dev.automigrate.bench.BenchSupport.freePort;
import static dev.automigrate.bench.BenchSupport.intSetting;
import static dev.automigrate.bench.BenchSupport.loadAverage;
import static dev.automigrate.bench.BenchSupport.status;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The deploy that adds one changeset to a long history (issue 17): N changesets applied, the changelog now one
 * longer. Each tool runs on its own fresh copy of one database (the applied state is made once by automigrate, then
 * copied with {@code CREATE DATABASE … TEMPLATE}), in a fresh JVM; the tools take turns within every round, so the
 * per-round ratio is the figure a loaded machine cannot skew much. Layouts: {@code split}, a master including N/10
 * files of 10 changesets (the new changeset in a new file, as a team adds one), and {@code single}, one file of N
 * changesets (the new one appended). Then the service's start to ready with one new changeset, against the same start
 * with nothing new and a bare Helidon server. For reference, both tools on a changelog of one changeset and an empty
 * database: the part of a deploy that does not depend on the history (JVM, Liquibase's start, one changeset parsed
 * and applied), which no parse in proportion to what changed can remove.
 *
 * <p>Settings (environment): BENCH_N (1000,3000), BENCH_RUNS (5), BENCH_LAYOUTS (split,single), BENCH_SERVICE (true),
 * BENCH_BASE_JAR (a service jar of another commit, e.g. main's, measured in the same rounds as "before"), BENCH_TUNED
 * (true: both tools also with the container flags of the README, a class-data archive each and C1 only).
 */
final class IncrementalDeploy {
    private static final String USER = "postgres";
    private static final String CHANGELOG = "db/changelog/bench-master.yaml";
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Path root;
    private final Path work;
    private final String java;
    private final int runs;
    private final List<Integer> sizes;
    private final List<String> layouts;
    private final boolean serviceMeasured;
    private final Path baseJar;
    private final boolean tuned;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private final List<String> loads = new ArrayList<>();
    private int port;

    private record Tool(String key, String label) {
    }

    IncrementalDeploy(Path root, String java) {
        this.root = root;
        this.work = root.resolve("bench/target/incremental");
        this.java = java;
        this.runs = intSetting("BENCH_RUNS", 5);
        this.sizes = Arrays.stream(System.getenv().getOrDefault("BENCH_N", "1000,3000").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        this.layouts = Arrays.stream(System.getenv().getOrDefault("BENCH_LAYOUTS", "split,single").split(","))
                .map(String::strip).toList();
        this.serviceMeasured = !"false".equals(System.getenv("BENCH_SERVICE"));
        String base = System.getenv().getOrDefault("BENCH_BASE_JAR", "").strip();
        this.baseJar = base.isEmpty() ? null : Path.of(base).toAbsolutePath();
        this.tuned = "true".equals(System.getenv("BENCH_TUNED"));
    }

    private List<Tool> tools() {
        List<Tool> tools = new ArrayList<>(List.of(new Tool("am", "automigrate `migrate`"),
                new Tool("lb", "Liquibase `update`")));
        if (baseJar != null) {
            tools.add(new Tool("base", "automigrate before (" + baseJar.getFileName() + ")"));
        }
        if (tuned) {
            tools.add(new Tool("amt", "automigrate, tuned JVM"));
            tools.add(new Tool("lbt", "Liquibase, tuned JVM"));
        }
        return tools;
    }

    void run() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work.resolve("logs"));
        System.out.printf("java %s; N = %s, layouts %s, %d rounds; load %s%n", Runtime.version(), sizes, layouts, runs,
                loadAverage());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(freePort())
                .setDataDirectory(work.resolve("pgdata")).setServerConfig("listen_addresses", "127.0.0.1").start()) {
            port = postgres.getPort();
            oneChangeSet();
            for (int n : sizes) {
                for (String layout : layouts) {
                    deploys(n, layout);
                }
            }
            if (serviceMeasured) {
                service(sizes.get(sizes.size() - 1), layouts.get(0));
            }
        }
        String report = report();
        System.out.println();
        System.out.println(report);
        Files.writeString(work.resolve("results.md"), report);
    }

    // ---------------------------------------------------------------- the deploy

    private void deploys(int n, String layout) throws Exception {
        String key = layout + "/" + n;
        Path before = work.resolve(layout + "-" + n + "/v1");
        Path after = work.resolve(layout + "-" + n + "/v2");
        generate(before, layout, n);
        generate(after, layout, n + 1);
        String template = "applied_" + layout + "_" + n;
        sql("create database " + template);
        double first = time(automigrate(service(), "migrate", template, before, "template-" + key));
        System.out.printf(Locale.ROOT, "%n%s layout, N = %,d: applied state made by automigrate in %,.0f ms%n", layout, n,
                first);
        List<Tool> tools = tools();
        for (Tool tool : tools) {
            if (tool.key.equals("amt") || tool.key.equals("lbt")) { // one unmeasured run writes its class-data archive
                String db = "train_" + tool.key + "_" + layout + "_" + n;
                sql("create database " + db + " template " + template);
                time(deploy(tool, db, after, key));
                sql("drop database " + db);
            }
        }
        for (int r = 1; r <= runs; r++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d/%d:", r, runs));
            for (int t = 0; t < tools.size(); t++) {
                Tool tool = tools.get((t + r - 1) % tools.size()); // who goes first turns with the rounds
                String db = "copy_" + tool.key + "_" + layout + "_" + n + "_" + r;
                sql("create database " + db + " template " + template);
                double millis = time(deploy(tool, db, after, key));
                int applied = count(db);
                if (applied != n + 1) {
                    throw new IllegalStateException(tool.label + " left " + applied + " rows in " + db + ", not " + (n + 1));
                }
                sql("drop database " + db);
                record(key + "/" + tool.key, millis);
                line.append(String.format(Locale.ROOT, " %s %,.0f ms;", tool.key, millis));
            }
            double ratio = last(key + "/am") / last(key + "/lb");
            record(key + "/ratio", ratio);
            if (tuned) {
                record(key + "/tratio", last(key + "/amt") / last(key + "/lbt"));
            }
            String load = loadAverage();
            loads.add(load);
            System.out.println(line + String.format(Locale.ROOT, " am/lb %.2f; load %s", ratio, load));
        }
    }

    /** Both tools on a changelog of one changeset and an empty database, taking turns. */
    private void oneChangeSet() throws Exception {
        Path one = work.resolve("one");
        generate(one, "single", 1);
        System.out.printf("%nOne changeset, empty database%n");
        List<Tool> tools = List.of(new Tool("am", ""), new Tool("lb", ""));
        for (int r = 1; r <= runs; r++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d/%d:", r, runs));
            for (int t = 0; t < tools.size(); t++) {
                Tool tool = tools.get((t + r - 1) % tools.size());
                String db = "one_" + tool.key + "_" + r;
                sql("create database " + db);
                double millis = time(deploy(tool, db, one, "one"));
                sql("drop database " + db);
                record("one/" + tool.key, millis);
                line.append(String.format(Locale.ROOT, " %s %,.0f ms;", tool.key, millis));
            }
            String load = loadAverage();
            loads.add(load);
            System.out.println(line + " load " + load);
        }
    }

    private Invocation deploy(Tool tool, String db, Path changeLogs, String key) {
        return switch (tool.key) {
            case "am" -> automigrate(service(), "migrate", db, changeLogs, "am-" + key);
            case "base" -> automigrate(baseJar, "migrate", db, changeLogs, "base-" + key);
            case "amt" -> automigrate(service(), "migrate", db, changeLogs, "amt-" + key, tunedOptions("am"));
            case "lbt" -> liquibase(db, changeLogs, "lbt-" + key, tunedOptions("lb"));
            default -> liquibase(db, changeLogs, "lb-" + key, List.of());
        };
    }

    private Invocation liquibase(String db, Path changeLogs, String label, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", root.resolve("bench/liquibase-driver/target/liquibase-driver.jar").toString(),
                "update", jdbc(db), USER, changeLogs.resolve("liquibase").toString(), CHANGELOG));
        return new Invocation(label, command, Map.of());
    }

    /** The flags the README suggests for containers: a class-data archive of the tool's own, C1 only. */
    private List<String> tunedOptions(String tool) {
        return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + work.resolve(tool + ".jsa"),
                "-XX:TieredStopAtLevel=1");
    }

    /**
     * The changesets of Bench's schema (odd: create table t&lt;i&gt;, even: add a column to it), in one file or in
     * files of ten included from the master; identities depend only on the layout, so both versions agree.
     */
    static void generate(Path dir, String layout, int n) throws IOException {
        Path changeLogs = dir.resolve("liquibase/db/changelog");
        Files.createDirectories(changeLogs.resolve("changes"));
        if (layout.equals("single")) {
            StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
            for (int i = 1; i <= n; i++) {
                yaml.append(changeSet(i));
            }
            Files.writeString(dir.resolve("liquibase").resolve(CHANGELOG), yaml.toString());
            return;
        }
        StringBuilder master = new StringBuilder("databaseChangeLog:\n");
        for (int file = 1; (file - 1) * 10 < n; file++) {
            String name = String.format(Locale.ROOT, "changes/c%04d.yaml", file);
            StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
            for (int i = (file - 1) * 10 + 1; i <= Math.min(n, file * 10); i++) {
                yaml.append(changeSet(i));
            }
            Files.writeString(changeLogs.resolve(name), yaml.toString());
            master.append("  - include:\n      file: ").append(name).append("\n      relativeToChangelogFile: true\n");
        }
        Files.writeString(dir.resolve("liquibase").resolve(CHANGELOG), master.toString());
    }

    private static String changeSet(int i) {
        String table = String.format(Locale.ROOT, "t%05d", i % 2 == 1 ? i : i - 1);
        StringBuilder yaml = new StringBuilder("  - changeSet:\n      id: \"").append(String.format(Locale.ROOT, "%05d", i))
                .append("\"\n      author: bench\n      changes:\n");
        if (i % 2 == 1) {
            yaml.append("        - createTable:\n            tableName: ").append(table).append('\n')
                    .append("            columns:\n")
                    .append("              - column: {name: id, type: bigint, constraints: {primaryKey: true, nullable: false}}\n")
                    .append("              - column: {name: name, type: varchar(100)}\n");
        } else {
            yaml.append("        - addColumn:\n            tableName: ").append(table).append('\n')
                    .append("            columns:\n")
                    .append("              - column: {name: note, type: text}\n");
        }
        return yaml.toString();
    }

    // ---------------------------------------------------------------- the service

    /** Start to ready: with one new changeset, with nothing new, and a bare Helidon server; turns as above. */
    private void service(int n, String layout) throws Exception {
        String template = "applied_" + layout + "_" + n;
        Path before = work.resolve(layout + "-" + n + "/v1");
        Path after = work.resolve(layout + "-" + n + "/v2");
        System.out.printf(Locale.ROOT, "%nService start to ready, %s layout, N = %,d applied%n", layout, n);
        List<String> kinds = new ArrayList<>(List.of("new", "uptodate", "bare"));
        if (baseJar != null) {
            kinds.addAll(List.of("basenew", "baseuptodate"));
        }
        for (int r = 1; r <= runs; r++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d/%d:", r, runs));
            for (int k = 0; k < kinds.size(); k++) {
                String kind = kinds.get((k + r - 1) % kinds.size());
                String db = "start_" + kind + "_" + r;
                double millis;
                if (kind.equals("bare")) {
                    millis = startToReady(List.of(java, "-jar", root.resolve("bench/bare-helidon/target/bare-helidon.jar")
                            .toString(), "PORT", "true"), Map.of(), "/", "bare");
                } else {
                    sql("create database " + db + " template " + template);
                    boolean upToDate = kind.endsWith("uptodate");
                    Invocation serve = automigrate(kind.startsWith("base") ? baseJar : service(), "serve", db,
                            upToDate ? before : after, "serve-" + kind);
                    millis = startToReady(serve.command, serve.env, "/health/ready", "serve-" + kind);
                    int applied = count(db);
                    if (applied != (upToDate ? n : n + 1)) {
                        throw new IllegalStateException("the service left " + applied + " rows in " + db);
                    }
                    sql("drop database " + db);
                }
                record("service/" + kind, millis);
                line.append(String.format(Locale.ROOT, " %s %,.0f ms;", kind, millis));
            }
            String load = loadAverage();
            loads.add(load);
            System.out.println(line + " load " + load);
        }
    }

    private double startToReady(List<String> command, Map<String, String> env, String path, String log)
            throws Exception {
        int serverPort = freePort();
        List<String> withPort = command.stream().map(part -> part.equals("PORT") ? String.valueOf(serverPort) : part)
                .toList();
        Map<String, String> environment = new HashMap<>(env);
        environment.put("SERVER_PORT", String.valueOf(serverPort));
        long start = System.nanoTime();
        Process process = processBuilder(withPort, environment, log).start();
        try {
            long deadline = start + READY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (status(serverPort, path) == 200) {
                    return (System.nanoTime() - start) / 1e6;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(log + " exited with " + process.exitValue() + "; see "
                            + work.resolve("logs/" + log + ".log"));
                }
                Thread.sleep(2);
            }
            throw new IllegalStateException(log + " not ready within " + READY_TIMEOUT);
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    // ---------------------------------------------------------------- the report

    private String report() {
        StringBuilder out = new StringBuilder("Medians of ").append(runs).append(" rounds, fresh JVMs, milliseconds; ")
                .append("ratio = median of the per-round automigrate / Liquibase; load averages during the run: ")
                .append(loads.isEmpty() ? "–" : String.join(", ", loads)).append("\n\n");
        boolean base = baseJar != null;
        out.append("| layout | N applied + 1 new | automigrate `migrate` | Liquibase `update` | ratio |")
                .append(base ? " automigrate before | before / Liquibase |" : "")
                .append(tuned ? " automigrate, tuned JVM | Liquibase, tuned JVM | ratio, tuned |" : "").append('\n')
                .append("|---|---|---|---|---|").append(base ? "---|---|" : "").append(tuned ? "---|---|---|" : "")
                .append('\n');
        for (int n : sizes) {
            for (String layout : layouts) {
                String key = layout + "/" + n;
                out.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f | **%.2f×** |",
                        layout.equals("split") ? n / 10 + " files of 10, included from a master" : "one file of " + n,
                        n, median(key + "/am"), median(key + "/lb"), median(key + "/ratio")));
                if (base) {
                    out.append(String.format(Locale.ROOT, " %,.0f | %.2f× |", median(key + "/base"),
                            median(key + "/base") / median(key + "/lb")));
                }
                if (tuned) {
                    out.append(String.format(Locale.ROOT, " %,.0f | %,.0f | **%.2f×** |", median(key + "/amt"),
                            median(key + "/lbt"), median(key + "/tratio")));
                }
                out.append('\n');
            }
        }
        out.append(String.format(Locale.ROOT, "| reference: one changeset, empty database | 1 | %,.0f | %,.0f | %.2f× |%s%s%n",
                median("one/am"), median("one/lb"), median("one/am") / median("one/lb"), base ? " | |" : "",
                tuned ? " | | |" : ""));
        if (samples.containsKey("service/new")) {
            out.append("\n| service start to ready, ").append(sizes.get(sizes.size() - 1)).append(" applied | ms |\n")
                    .append("|---|---|\n");
            out.append(String.format(Locale.ROOT, "| one new changeset | %,.0f |%n", median("service/new")));
            out.append(String.format(Locale.ROOT, "| nothing new | %,.0f |%n", median("service/uptodate")));
            out.append(String.format(Locale.ROOT, "| bare Helidon SE | %,.0f |%n", median("service/bare")));
            if (base) {
                out.append(String.format(Locale.ROOT, "| one new changeset, automigrate before | %,.0f |%n",
                        median("service/basenew")));
                out.append(String.format(Locale.ROOT, "| nothing new, automigrate before | %,.0f |%n",
                        median("service/baseuptodate")));
            }
            out.append(String.format(Locale.ROOT, "%nOne new changeset / bare Helidon: %.2f×; / nothing new: %.2f×%n",
                    median("service/new") / median("service/bare"), median("service/new") / median("service/uptodate")));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- plumbing

    private record Invocation(String label, List<String> command, Map<String, String> env) {
    }

    private Path service() {
        return root.resolve("service/target/migration-service.jar");
    }

    private Invocation automigrate(Path jar, String command, String db, Path changeLogs, String label) {
        return automigrate(jar, command, db, changeLogs, label, List.of());
    }

    private Invocation automigrate(Path jar, String command, String db, Path changeLogs, String label,
                                   List<String> jvmOptions) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "postgresql://" + USER + "@127.0.0.1:" + port + "/" + db);
        env.put("EMBEDDED_DATABASE", "false");
        env.put("MIGRATION_SEARCH_PATH", changeLogs.resolve("liquibase").toString());
        env.put("MIGRATION_CHANGELOG", CHANGELOG);
        List<String> line = new ArrayList<>(List.of(java));
        line.addAll(jvmOptions);
        line.addAll(List.of("-jar", jar.toString(), command));
        return new Invocation(label, line, env);
    }

    private double time(Invocation invocation) throws Exception {
        long start = System.nanoTime();
        Process process = processBuilder(invocation.command, invocation.env, invocation.label).start();
        if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(invocation.label + " did not finish within " + PROCESS_TIMEOUT);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(invocation.label + " exited with " + process.exitValue() + ":\n"
                    + Files.readString(work.resolve("logs/" + invocation.label + ".log")));
        }
        return millis;
    }

    private ProcessBuilder processBuilder(List<String> command, Map<String, String> env, String log) throws IOException {
        Path cwd = Files.createDirectories(work.resolve("cwd"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("logs/" + log.replace('/', '-') + ".log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("MIGRATION_")
                || name.equals("SERVER_PORT") || name.startsWith("JAVA_TOOL") || name.startsWith("JDK_JAVA"));
        builder.environment().putAll(env);
        return builder;
    }

    private String jdbc(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    private void sql(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbc("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private int count(String db) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbc(db), USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from databasechangelog")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void record(String key, double value) {
        samples.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private double last(String key) {
        List<Double> values = samples.get(key);
        return values.get(values.size() - 1);
    }

    private double median(String key) {
        return BenchSupport.median(samples.get(key));
    }
}
