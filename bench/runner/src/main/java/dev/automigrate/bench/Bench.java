package dev.automigrate.bench;

import static dev.automigrate.bench.BenchSupport.deleteRecursively;
import static dev.automigrate.bench.BenchSupport.freePort;
import static dev.automigrate.bench.BenchSupport.intSetting;
import static dev.automigrate.bench.BenchSupport.loadAverage;
import static dev.automigrate.bench.BenchSupport.status;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark run: one embedded PostgreSQL 17, every measurement in a fresh JVM, medians and ratios
 * printed as Markdown tables. Every loop is bounded in count and every wait in time; only 127.0.0.1 is loaded.
 *
 * <p>Arguments: repository-root. Settings (environment): BENCH_N (100,1000,3000), BENCH_RUNS (5),
 * BENCH_WRK_SECONDS (5), BENCH_WRK_CONNECTIONS (32), BENCH_AUTOMIGRATE_JVM_OPTS (extra flags for a second
 * automigrate column, e.g. the AppCDS archive; empty: no second column), BENCH_TOOLS (am,amt,lb,fw: the columns
 * to measure; add base with BENCH_BASE_JAR), BENCH_SERVICE (false: skip the service part), BENCH_BASE_JAR (the
 * service jar of another commit, e.g. main's, measured in the same runs as "automigrate before": tool key base; with
 * the service part, also its start to ready on a database it migrated itself).
 */
public final class Bench {
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String USER = "postgres";
    // a master of its own name, as a project would have
    private static final String CHANGELOG = "db/changelog/bench-master.yaml";

    private final Path root;
    private final Path work;
    private final String java;
    private final int runs;
    private final int wrkSeconds;
    private final int wrkConnections;
    private final List<String> tunedJvmOptions;
    private final List<String> tunedServiceJvmOptions;
    private final List<String> toolKeys;
    private final boolean serviceMeasured;
    private final Path baseJar;
    private int pgPort;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();

    private Bench(Path root) {
        this.root = root;
        this.work = root.resolve("bench/target/work");
        this.java = ProcessHandle.current().info().command().orElseThrow();
        this.runs = intSetting("BENCH_RUNS", 5);
        this.wrkSeconds = intSetting("BENCH_WRK_SECONDS", 5);
        this.wrkConnections = intSetting("BENCH_WRK_CONNECTIONS", 32);
        String tuned = System.getenv().getOrDefault("BENCH_AUTOMIGRATE_JVM_OPTS", "").strip();
        this.tunedJvmOptions = tuned.isEmpty() ? List.of() : Arrays.asList(tuned.split("\\s+"));
        String tunedService = System.getenv().getOrDefault("BENCH_SERVICE_JVM_OPTS", "").strip();
        this.tunedServiceJvmOptions = tunedService.isEmpty() ? List.of() : Arrays.asList(tunedService.split("\\s+"));
        this.toolKeys = Arrays.stream(System.getenv().getOrDefault("BENCH_TOOLS", "am,amt,lb,fw").split(","))
                .map(String::strip).toList();
        this.serviceMeasured = !"false".equals(System.getenv("BENCH_SERVICE"));
        String base = System.getenv().getOrDefault("BENCH_BASE_JAR", "").strip();
        this.baseJar = base.isEmpty() ? null : Path.of(base).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench(Path.of(args[0]).toAbsolutePath());
        List<Integer> sizes = Arrays.stream(System.getenv().getOrDefault("BENCH_N", "100,1000,3000").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        if (args.length > 1 && args[1].equals("--database-only")) {
            bench.databaseOnly(sizes.get(0));
        } else if (args.length > 1 && args[1].equals("--live-traffic")) {
            new LiveTraffic(bench.root, bench.java).run();
        } else if (args.length > 1 && args[1].equals("--incremental")) {
            new IncrementalDeploy(bench.root, bench.java).run();
        } else {
            bench.run(sizes);
        }
    }

    /** For profiling by hand: the database with N changesets applied by automigrate, kept up for at most 30 min. */
    private void databaseOnly(int n) throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(freePort())
                .setDataDirectory(work.resolve("pgdata")).setServerConfig("listen_addresses", "127.0.0.1").start()) {
            pgPort = postgres.getPort();
            Path changeLogs = work.resolve("n" + n);
            generate(changeLogs, n);
            sql(postgres, "create database b_am_" + n);
            Invocation migrate = automigrate(List.of(), Command.MIGRATE, "b_am_" + n, changeLogs);
            System.out.printf("first migrate %.0f ms%n", time(migrate));
            migrate.env.forEach((name, value) -> System.out.println("export " + name + "=" + value));
            System.out.println("jdbc: " + jdbc("b_am_" + n) + " (Ctrl+C ends; 30 min at most)");
            Thread.sleep(Duration.ofMinutes(30));
        }
    }

    private void run(List<Integer> sizes) throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        System.out.printf("java %s, %d runs per figure, N = %s%n", Runtime.version(), runs, sizes);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(freePort())
                .setDataDirectory(work.resolve("pgdata"))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start()) {
            pgPort = postgres.getPort();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 var row = statement.executeQuery("select version()")) {
                row.next();
                System.out.println(row.getString(1));
            }
            if (!tunedJvmOptions.isEmpty()) {
                train(postgres, sizes.get(0));
            }
            // the service part runs right after its N, so its figures do not wait for the longest N
            int serviceN = sizes.contains(1000) ? 1000 : sizes.get(sizes.size() - 1);
            for (int n : sizes) {
                migrations(postgres, n);
                if (n == serviceN && serviceMeasured) {
                    service(postgres, serviceN);
                }
            }
        }
        System.out.println();
        if (!tunedJvmOptions.isEmpty() || !tunedServiceJvmOptions.isEmpty()) {
            System.out.println("tuned JVM: CLI " + String.join(" ", tunedJvmOptions) + "; service "
                    + String.join(" ", tunedServiceJvmOptions));
        }
        System.out.println(report(sizes));
        Files.writeString(root.resolve("bench/target/results.md"), report(sizes));
    }

    // ---------------------------------------------------------------- the migration tools

    private void migrations(EmbeddedPostgres postgres, int n) throws Exception {
        Path changeLogs = work.resolve("n" + n);
        generate(changeLogs, n);
        System.out.printf("%nN = %d%n", n);
        for (int r = 1; r <= runs; r++) {
            for (Tool tool : tools()) {
                String db = "b_" + tool.key + "_" + n + "_" + r;
                sql(postgres, "create database " + db);
                String key = tool.key + "/" + n;
                record(key + "/first", time(tool.command.apply(Command.MIGRATE, db, changeLogs)));
                record(key + "/uptodate", time(tool.command.apply(Command.MIGRATE, db, changeLogs)));
                record(key + "/status", time(tool.command.apply(Command.STATUS, db, changeLogs)));
                if (tool.key.equals("am")) {
                    record("floor/" + n + "/uptodate", time(floor(db)));
                }
                // the service measurement keeps one migrated database per N, and one of the older jar's
                if (r > 1 || !(tool.key.equals("am") || tool.key.equals("base"))) {
                    sql(postgres, "drop database " + db);
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  run %d/%d:", r, runs));
            for (Tool tool : tools()) {
                List<Double> firsts = samples.get(tool.key + "/" + n + "/first");
                line.append(String.format(Locale.ROOT, " %s first %,.0f ms;", tool.key, firsts.get(firsts.size() - 1)));
            }
            // every run, not only the medians: on a shared machine one slow run shows who was disturbed
            System.out.println(line + " load " + loadAverage());
        }
        for (Tool tool : tools()) {
            System.out.printf(Locale.ROOT, "  %-24s first %,8.0f ms   up to date %,6.0f ms   status %,6.0f ms%n", tool.label,
                    median(tool.key + "/" + n + "/first"), median(tool.key + "/" + n + "/uptodate"),
                    median(tool.key + "/" + n + "/status"));
        }
        System.out.printf(Locale.ROOT, "  %-24s                  up to date %,6.0f ms%n", "floor", median("floor/" + n + "/uptodate"));
    }

    /** One unmeasured first migrate, up-to-date check and status with the tuned flags: it writes the CDS archive. */
    private void train(EmbeddedPostgres postgres, int n) throws Exception {
        Path changeLogs = work.resolve("n" + n);
        generate(changeLogs, n);
        sql(postgres, "create database b_training");
        for (Command command : List.of(Command.MIGRATE, Command.MIGRATE, Command.STATUS)) {
            time(automigrate(tunedJvmOptions, command, "b_training", changeLogs));
        }
        sql(postgres, "drop database b_training");
        System.out.println("training run with " + String.join(" ", tunedJvmOptions) + " done");
    }

    private enum Command { MIGRATE, STATUS }

    private interface ToolCommand {
        Invocation apply(Command command, String db, Path changeLogs);
    }

    private record Tool(String key, String label, ToolCommand command) {
    }

    private record Invocation(String label, List<String> command, Map<String, String> env) {
    }

    private List<Tool> tools() {
        List<Tool> tools = new ArrayList<>();
        tools.add(new Tool("am", "automigrate", (command, db, dir) -> automigrate(List.of(), command, db, dir)));
        if (!tunedJvmOptions.isEmpty()) {
            tools.add(new Tool("amt", "automigrate (tuned JVM)",
                    (command, db, dir) -> automigrate(tunedJvmOptions, command, db, dir)));
        }
        if (baseJar != null) {
            tools.add(new Tool("base", "automigrate before",
                    (command, db, dir) -> automigrate(baseJar, List.of(), command, db, dir)));
        }
        tools.add(new Tool("lb", "Liquibase", (command, db, dir) -> new Invocation("liquibase " + command,
                javaJar(List.of(), "bench/liquibase-driver/target/liquibase-driver.jar",
                        command == Command.MIGRATE ? "update" : "status", jdbc(db), USER,
                        dir.resolve("liquibase").toString(), CHANGELOG), Map.of())));
        tools.add(new Tool("fw", "Flyway", (command, db, dir) -> new Invocation("flyway " + command,
                javaJar(List.of(), "bench/flyway-driver/target/flyway-driver.jar",
                        command == Command.MIGRATE ? "migrate" : "info", jdbc(db), USER,
                        dir.resolve("flyway").toString()), Map.of())));
        tools.removeIf(tool -> !toolKeys.contains(tool.key));
        return tools;
    }

    private Invocation automigrate(List<String> jvmOptions, Command command, String db, Path dir) {
        return automigrate(root.resolve("service/target/migration-service.jar"), jvmOptions, command, db, dir);
    }

    private Invocation automigrate(Path jar, List<String> jvmOptions, Command command, String db, Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "postgresql://" + USER + "@127.0.0.1:" + pgPort + "/" + db);
        env.put("EMBEDDED_DATABASE", "false");
        env.put("MIGRATION_SEARCH_PATH", dir.resolve("liquibase").toString());
        env.put("MIGRATION_CHANGELOG", CHANGELOG);
        return new Invocation("automigrate " + command, javaJar(jvmOptions, jar.toString(),
                command == Command.MIGRATE ? "migrate" : "status"), env);
    }

    private Invocation floor(String db) {
        return new Invocation("floor", javaJar(List.of(), "bench/floor/target/floor.jar", jdbc(db), USER), Map.of());
    }

    private List<String> javaJar(List<String> jvmOptions, String jar, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(root.resolve(jar).toString());
        command.addAll(List.of(args));
        return command;
    }

    private String jdbc(String db) {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + db;
    }

    /** The same schema for every tool: odd changesets create a table, even ones add a column to it. */
    static void generate(Path dir, int n) throws IOException {
        Path liquibase = dir.resolve("liquibase").resolve(CHANGELOG);
        Path flyway = dir.resolve("flyway");
        Files.createDirectories(liquibase.getParent());
        Files.createDirectories(flyway);
        StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
        for (int i = 1; i <= n; i++) {
            String table = String.format(Locale.ROOT, "t%05d", i % 2 == 1 ? i : i - 1);
            String id = String.format(Locale.ROOT, "%05d", i);
            // quoted: YAML 1.1 reads an unquoted 01000 as the octal number 512, and the id would be recorded as 512
            yaml.append("  - changeSet:\n      id: \"").append(id).append("\"\n      author: bench\n      changes:\n");
            String sqlText;
            if (i % 2 == 1) {
                yaml.append("        - createTable:\n            tableName: ").append(table).append('\n')
                        .append("            columns:\n")
                        .append("              - column: {name: id, type: bigint, constraints: {primaryKey: true, nullable: false}}\n")
                        .append("              - column: {name: name, type: varchar(100)}\n");
                sqlText = "create table " + table + " (id bigint not null primary key, name varchar(100));\n";
            } else {
                yaml.append("        - addColumn:\n            tableName: ").append(table).append('\n')
                        .append("            columns:\n")
                        .append("              - column: {name: note, type: text}\n");
                sqlText = "alter table " + table + " add column note text;\n";
            }
            Files.writeString(flyway.resolve("V" + i + "__change_" + id + ".sql"), sqlText);
        }
        Files.writeString(liquibase, yaml.toString());
    }

    // ---------------------------------------------------------------- the service

    private void service(EmbeddedPostgres postgres, int n) throws Exception {
        String db = "b_am_" + n + "_1";
        Path changeLogs = work.resolve("n" + n);
        System.out.printf("%nService with %d applied changesets%n", n);
        Invocation service = automigrate(List.of(), Command.MIGRATE, db, changeLogs);
        if (!tunedServiceJvmOptions.isEmpty()) {
            int port = freePort();
            startToReady(serviceCommand(service, tunedServiceJvmOptions, port), service.env, port, "/health/ready").close();
        }
        boolean base = tools().stream().anyMatch(tool -> tool.key.equals("base"));
        Map<String, String> baseEnv = base ? automigrate(baseJar, List.of(), Command.MIGRATE, "b_base_" + n + "_1",
                changeLogs).env : Map.of();
        for (int r = 1; r <= runs; r++) {
            record("start/service", startAndStop(serviceCommand(service, List.of(), 0), service.env, "/health/ready"));
            record("start/bare", startAndStop(null, Map.of(), "/"));
            if (base) {
                record("start/base", startAndStop(javaJar(List.of(), baseJar.toString(), "serve"), baseEnv,
                        "/health/ready"));
                record("start/base-ratio", last("start/service") / last("start/base"));
            }
            if (!tunedServiceJvmOptions.isEmpty()) {
                record("start/service-tuned", startAndStop(serviceCommand(service, tunedServiceJvmOptions, 0),
                        service.env, "/health/ready"));
            }
        }
        System.out.printf(Locale.ROOT, "  start to ready: service %,.0f ms (tuned JVM %,.0f ms), bare Helidon %,.0f ms%n",
                median("start/service"), median("start/service-tuned"), median("start/bare"));
        if (base) {
            System.out.printf(Locale.ROOT, "  start to ready, automigrate before: %,.0f ms; this / before, median of the "
                    + "rounds: %.2f×%n", median("start/base"), median("start/base-ratio"));
        }
        int port = freePort();
        try (Started started = startToReady(serviceCommand(service, List.of(), port), service.env, port, "/health/ready")) {
            load("wrk/health", port, "/health");
            load("wrk/dbstatus", port, "/db-status");
        }
        port = freePort();
        try (Started started = startToReady(bareCommand(port, true), Map.of(), port, "/")) {
            load("wrk/bare", port, "/");
        }
        port = freePort();
        try (Started started = startToReady(bareCommand(port, false), Map.of(), port, "/")) {
            load("wrk/bare-default", port, "/");
        }
        sql(postgres, "select 1");
    }

    private List<String> serviceCommand(Invocation service, List<String> jvmOptions, int port) {
        return javaJar(jvmOptions, "service/target/migration-service.jar", "serve");
    }

    private List<String> bareCommand(int port, boolean noDelay) {
        return javaJar(List.of(), "bench/bare-helidon/target/bare-helidon.jar", String.valueOf(port),
                String.valueOf(noDelay));
    }

    private record Started(Process process, double millis) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Start to ready in milliseconds; the process is stopped again. A null command is the bare server. */
    private double startAndStop(List<String> command, Map<String, String> env, String path) throws Exception {
        int port = freePort();
        try (Started started = startToReady(command == null ? bareCommand(port, true) : command, env, port, path)) {
            return started.millis;
        }
    }

    /** Process start until {@code path} answers 200; the process keeps running (close it). */
    private Started startToReady(List<String> command, Map<String, String> env, int port, String path) throws Exception {
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("SERVER_PORT", String.valueOf(port));
        ProcessBuilder builder = processBuilder(command, withPort, "start-" + port);
        long start = System.nanoTime();
        Process process = builder.start();
        long deadline = start + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(port, path) == 200) {
                return new Started(process, (System.nanoTime() - start) / 1e6);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + "; see "
                        + work.resolve("logs/start-" + port + ".log"));
            }
            Thread.sleep(2);
        }
        new Started(process, 0).close();
        throw new IllegalStateException(command + " not ready within " + READY_TIMEOUT);
    }

    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

    private void load(String key, int port, String path) throws Exception {
        String url = "http://127.0.0.1:" + port + path;
        wrk(url, 2); // warm-up: JIT and the connection pool
        for (int r = 1; r <= runs; r++) {
            String output = wrk(url, wrkSeconds);
            Matcher requests = REQUESTS.matcher(output);
            Matcher p99 = P99.matcher(output);
            if (!requests.find() || !p99.find()) {
                throw new IllegalStateException("unexpected wrk output:\n" + output);
            }
            double latency = Double.parseDouble(p99.group(1)) * switch (p99.group(2)) {
                case "us" -> 0.001;
                case "ms" -> 1;
                default -> 1000;
            };
            record(key + "/rps", Double.parseDouble(requests.group(1)));
            record(key + "/p99", latency);
        }
        System.out.printf("  %s: %.0f req/s, p99 %.2f ms%n", path, median(key + "/rps"), median(key + "/p99"));
    }

    private String wrk(String url, int seconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t2", "-c" + wrkConnections, "-d" + seconds + "s",
                "--timeout", "5s", "--latency", url).redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        if (output.contains("Non-2xx")) {
            throw new IllegalStateException("non-2xx answers from " + url + ":\n" + output);
        }
        return output;
    }

    // ---------------------------------------------------------------- plumbing

    private double time(Invocation invocation) throws Exception {
        ProcessBuilder builder = processBuilder(invocation.command, invocation.env,
                invocation.label.replace(' ', '-'));
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(invocation.label + " did not finish within " + PROCESS_TIMEOUT);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(invocation.label + " exited with " + process.exitValue() + ":\n"
                    + Files.readString(work.resolve("logs/" + invocation.label.replace(' ', '-') + ".log")));
        }
        return millis;
    }

    private ProcessBuilder processBuilder(List<String> command, Map<String, String> env, String log) throws IOException {
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path empty = Files.createDirectories(work.resolve("cwd"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(empty.toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve(log + ".log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("MIGRATION_")
                || name.equals("SERVER_PORT") || name.startsWith("JAVA_TOOL") || name.startsWith("JDK_JAVA"));
        builder.environment().putAll(env);
        return builder;
    }

    private static void sql(EmbeddedPostgres postgres, String sql) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
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

    private String report(List<Integer> sizes) {
        StringBuilder out = new StringBuilder();
        boolean tuned = !tunedJvmOptions.isEmpty();
        boolean base = baseJar != null;
        out.append("Medians of ").append(runs).append(" runs, each in a fresh JVM, milliseconds").append('\n').append('\n');
        out.append("| N | what | automigrate |").append(tuned ? " automigrate, tuned JVM |" : "")
                .append(base ? " automigrate before |" : "")
                .append(" Liquibase 4.33 | Flyway 13.12 | floor | automigrate / Liquibase | automigrate / Flyway | automigrate / floor |")
                .append(base ? " before / Liquibase |" : "").append('\n');
        out.append("|---|---|---|").append(tuned ? "---|" : "").append(base ? "---|" : "")
                .append("---|---|---|---|---|---|").append(base ? "---|" : "").append('\n');
        for (int n : sizes) {
            for (String[] what : new String[][] {{"first", "first migrate, empty database"},
                    {"uptodate", "up-to-date check (migrate again)"}, {"status", "status"}}) {
                double am = median("am/" + n + "/" + what[0]);
                double lb = median("lb/" + n + "/" + what[0]);
                double fw = median("fw/" + n + "/" + what[0]);
                double floor = what[0].equals("uptodate") ? median("floor/" + n + "/uptodate") : Double.NaN;
                out.append(String.format(Locale.ROOT, "| %,d | %s | %s |", n, what[1], ms(am)));
                if (tuned) {
                    out.append(' ').append(ms(median("amt/" + n + "/" + what[0]))).append(" |");
                }
                double before = median("base/" + n + "/" + what[0]);
                if (base) {
                    out.append(' ').append(ms(before)).append(" |");
                }
                out.append(String.format(Locale.ROOT, " %s | %s | %s | %s | %s | %s |", ms(lb), ms(fw), ms(floor),
                        ratio(am, lb), ratio(am, fw), ratio(am, floor)));
                out.append(base ? " " + ratio(before, lb) + " |" : "").append('\n');
            }
        }
        out.append('\n');
        if (!serviceMeasured) {
            return out.toString();
        }
        tuned = !tunedServiceJvmOptions.isEmpty();
        out.append("| service | automigrate |").append(tuned ? " automigrate, tuned JVM |" : "")
                .append(" bare Helidon SE | ratio |\n|---|---|").append(tuned ? "---|" : "").append("---|---|\n");
        double start = median("start/service");
        double bare = median("start/bare");
        out.append(String.format(Locale.ROOT, "| start to ready (ms), %s applied | %s |%s %s | %s |%n",
                sizes.contains(1000) ? "1,000" : String.valueOf(sizes.get(sizes.size() - 1)), ms(start),
                tuned ? " " + ms(median("start/service-tuned")) + " |" : "", ms(bare), ratio(start, bare)));
        if (samples.containsKey("start/base")) {
            out.append(String.format(Locale.ROOT, "| start to ready (ms), automigrate before | %s |%s | %s |%n",
                    ms(median("start/base")), tuned ? " |" : "", "this / before " + ratio(
                    median("start/base-ratio"), 1)));
        }
        double health = median("wrk/health/rps");
        double bareRps = median("wrk/bare/rps");
        double status = median("wrk/dbstatus/rps");
        String blank = tuned ? " |" : "";
        out.append(String.format(Locale.ROOT, "| `/health` req/s, %d connections | %,.0f |%s %,.0f | %s |%n", wrkConnections,
                health, blank, bareRps, ratio(health, bareRps)));
        out.append(String.format(Locale.ROOT, "| `/health` p99 (ms) | %.2f |%s %.2f | |%n", median("wrk/health/p99"), blank,
                median("wrk/bare/p99")));
        out.append(String.format(Locale.ROOT, "| `/db-status` req/s | %,.0f |%s %,.0f | %s |%n", status, blank, bareRps,
                ratio(status, bareRps)));
        out.append(String.format(Locale.ROOT, "| `/db-status` p99 (ms) | %.2f |%s %.2f | |%n", median("wrk/dbstatus/p99"),
                blank, median("wrk/bare/p99")));
        out.append(String.format(Locale.ROOT, "| bare Helidon with its default TCP_NODELAY off: req/s, p99 (ms) | |%s %,.0f, %.2f | |%n",
                blank, median("wrk/bare-default/rps"), median("wrk/bare-default/p99")));
        return out.toString();
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
    }
}
