package dev.automigrate.bench;

import static dev.automigrate.bench.BenchSupport.deleteRecursively;
import static dev.automigrate.bench.BenchSupport.freePort;
import static dev.automigrate.bench.BenchSupport.intSetting;
import static dev.automigrate.bench.BenchSupport.loadAverage;
import static dev.automigrate.bench.BenchSupport.median;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deploy-under-live-traffic scenario of issue 16, before and after, in one run: a report holds an ordinary read
 * lock on {@code crew}; the application reads {@code crew} every 100 ms on its own connection; 1 s into the report a
 * deploy runs {@code java -jar migration-service.jar migrate}, whose one pending changeset adds a nullable column to
 * {@code crew}; the report ends 15 s after the deploy first asked for its lock. Measured: each application read's wait,
 * the deploy's wall time (JVM start included) and exit code.
 *
 * <p>"before" is the old behaviour ({@code MIGRATION_STATEMENT_LOCK_TIMEOUT=10s}, {@code MIGRATION_LOCK_RETRY_BUDGET=0});
 * "after" the defaults. Settings (environment): BENCH_LIVE_RUNS (3), BENCH_LIVE_REPORT_SECONDS (15).
 */
final class LiveTraffic {
    private static final String USER = "postgres";
    private static final String CHANGELOG = "db/changelog/crew-master.yaml";
    private static final Duration READ_EVERY = Duration.ofMillis(100);
    private static final Duration DEPLOY_AFTER = Duration.ofSeconds(1);
    private static final Duration SLOW_READ = Duration.ofMillis(1500);

    private final Path root;
    private final Path work;
    private final String java;
    private final int runs;
    private final Duration report;
    private int port;

    private record Configuration(String label, Map<String, String> settings) {
    }

    /**
     * @param readWaitMs    the reads' wall time added up: how long the application was held in total
     * @param afterReportMs from the report's end to the deploy's; negative when the deploy ended first (it failed)
     */
    private record Run(Configuration configuration, int exitCode, double deployMs, double worstReadMs, int reads,
                       int slowReads, double readWaitMs, double afterReportMs, boolean saidItRetried,
                       boolean columnAdded) {
    }

    LiveTraffic(Path root, String java) {
        this.root = root;
        this.work = root.resolve("bench/target/live-traffic");
        this.java = java;
        this.runs = intSetting("BENCH_LIVE_RUNS", 3);
        this.report = Duration.ofSeconds(intSetting("BENCH_LIVE_REPORT_SECONDS", 15));
    }

    void run() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work.resolve("logs"));
        writeChangeLogs();
        List<Configuration> configurations = List.of(
                new Configuration("before: MIGRATION_STATEMENT_LOCK_TIMEOUT=10s, MIGRATION_LOCK_RETRY_BUDGET=0",
                        Map.of("MIGRATION_STATEMENT_LOCK_TIMEOUT", "10s", "MIGRATION_LOCK_RETRY_BUDGET", "0")),
                new Configuration("after: defaults (1s per attempt, retried within 3m)", Map.of()));
        System.out.printf("java %s; report holds crew until %d s after the deploy asks for it, reads every %d ms,"
                        + " deploy %d s into the report; %d runs%n",
                Runtime.version(), report.toSeconds(), READ_EVERY.toMillis(), DEPLOY_AFTER.toSeconds(), runs);
        List<Run> results = new ArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(freePort())
                .setDataDirectory(work.resolve("pgdata")).setServerConfig("listen_addresses", "127.0.0.1").start()) {
            port = postgres.getPort();
            for (int r = 1; r <= runs; r++) {
                // the two take turns, so a load drift hits both alike
                for (Configuration configuration : configurations) {
                    Run run = once(postgres, configuration, "live_" + r + "_" + results.size());
                    results.add(run);
                    System.out.printf(Locale.ROOT, "  run %d %-8s exit %d, deploy %,6.0f ms (%+,.0f ms after the report),"
                                    + " worst read %,6.0f ms, reads waited %,6.0f ms in all, %d of %d reads > %d ms,"
                                    + " said it retried: %s; load %s%n", r,
                            configuration.label().substring(0, configuration.label().indexOf(':')), run.exitCode(),
                            run.deployMs(), run.afterReportMs(), run.worstReadMs(), run.readWaitMs(), run.slowReads(),
                            run.reads(), SLOW_READ.toMillis(), run.saidItRetried(), loadAverage());
                }
            }
        }
        String table = table(configurations, results);
        System.out.println();
        System.out.println(table);
        Files.writeString(work.resolve("results.md"), table);
    }

    private Run once(EmbeddedPostgres postgres, Configuration configuration, String db) throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + db);
        }
        // the application as it was deployed before: crew exists, with rows
        migrate(db, work.resolve("v1"), Map.of(), "v1-" + db);
        try (Connection connection = connect(db, "seed"); Statement statement = connection.createStatement()) {
            statement.execute("insert into crew select g, 'crew ' || g from generate_series(1, 10000) g");
        }

        List<Duration> reads = Collections.synchronizedList(new ArrayList<>());
        Thread application = new Thread(() -> readEvery100Ms(db, reads), "application");
        Deploy deploy;
        long reportEnded;
        try (Connection nightlyReport = connect(db, "nightly-report")) {
            application.start();
            nightlyReport.setAutoCommit(false);
            try (Statement statement = nightlyReport.createStatement();
                 ResultSet row = statement.executeQuery("select count(*) from crew")) {
                row.next();
            }
            Thread.sleep(DEPLOY_AFTER.toMillis());
            deploy = Deploy.start(this, db, configuration.settings());
            // the report's time counts from the deploy's first request for crew's lock, so a slow JVM start on a
            // loaded machine does not shorten the part of the report the deploy meets
            long waitsFrom = firstLockRequest(db, deploy);
            long untilReportEnds = waitsFrom + report.toNanos() - System.nanoTime();
            if (untilReportEnds > 0) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(untilReportEnds));
            }
            nightlyReport.commit();
            reportEnded = System.nanoTime();
            deploy.waitFor();
            Thread.sleep(1000);
        } finally {
            application.interrupt();
            application.join(10_000);
        }
        String output = Files.readString(deploy.log);
        boolean columnAdded;
        try (Connection connection = connect(db, "check"); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select count(*) from information_schema.columns"
                     + " where table_name = 'crew' and column_name = 'notes'")) {
            row.next();
            columnAdded = row.getInt(1) == 1;
        }
        List<Duration> all = List.copyOf(reads);
        Duration worst = all.isEmpty() ? Duration.ZERO : Collections.max(all);
        int slow = (int) all.stream().filter(read -> read.compareTo(SLOW_READ) > 0).count();
        double readWait = all.stream().mapToLong(Duration::toNanos).sum() / 1e6;
        return new Run(configuration, deploy.exitCode, deploy.millis, worst.toNanos() / 1e6, all.size(), slow, readWait,
                (deploy.ended - reportEnded) / 1e6, output.contains("trying again in"), columnAdded);
    }

    /** When the deploy first asked for a lock on crew that it did not get (now, if it ended without asking). */
    private long firstLockRequest(String db, Deploy deploy) throws Exception {
        try (Connection connection = connect(db, "bench-observer");
             PreparedStatement waiting = connection.prepareStatement("select 1 from pg_locks l join pg_class c"
                     + " on c.oid = l.relation where c.relname = 'crew' and not l.granted")) {
            while (deploy.process.isAlive()) {
                try (ResultSet row = waiting.executeQuery()) {
                    if (row.next()) {
                        return System.nanoTime();
                    }
                }
                Thread.sleep(10);
            }
        }
        return System.nanoTime();
    }

    /** The deploy step: the service jar's migrate in a fresh JVM, as a pipeline or an init container runs it. */
    private static final class Deploy {
        private final Process process;
        private final long start;
        private final Path log;
        private final CompletableFuture<Long> exited;
        private int exitCode;
        private double millis;
        private long ended;

        private Deploy(Process process, long start, Path log) {
            this.process = process;
            this.start = start;
            this.log = log;
            // when it exits, not when this thread gets round to asking (a failing deploy ends before the report)
            this.exited = process.onExit().thenApply(p -> System.nanoTime());
        }

        static Deploy start(LiveTraffic bench, String db, Map<String, String> settings) throws IOException {
            Path log = bench.work.resolve("logs/deploy-" + db + ".log");
            ProcessBuilder builder = bench.migrateCommand(db, bench.work.resolve("v2"), settings, log);
            long start = System.nanoTime();
            return new Deploy(builder.start(), start, log);
        }

        void waitFor() throws InterruptedException {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the deploy did not finish within 10 minutes; see " + log);
            }
            ended = exited.join();
            millis = (ended - start) / 1e6;
            exitCode = process.exitValue();
        }
    }

    private void migrate(String db, Path changeLogs, Map<String, String> settings, String log) throws Exception {
        Path file = work.resolve("logs/" + log + ".log");
        Process process = migrateCommand(db, changeLogs, settings, file).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("migrate failed:\n" + Files.readString(file));
        }
    }

    private ProcessBuilder migrateCommand(String db, Path changeLogs, Map<String, String> settings, Path log) {
        ProcessBuilder builder = new ProcessBuilder(java, "-jar",
                root.resolve("service/target/migration-service.jar").toString(), "migrate")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("MIGRATION_")
                || name.startsWith("JAVA_TOOL") || name.startsWith("JDK_JAVA"));
        builder.environment().put("DATABASE_URL", "postgresql://" + USER + "@127.0.0.1:" + port + "/" + db);
        builder.environment().put("EMBEDDED_DATABASE", "false");
        builder.environment().put("MIGRATION_SEARCH_PATH", changeLogs.toString());
        builder.environment().put("MIGRATION_CHANGELOG", CHANGELOG);
        builder.environment().putAll(settings);
        return builder;
    }

    /** The application: one read of crew every 100 ms on its own connection; each read's wall time is kept. */
    private void readEvery100Ms(String db, List<Duration> reads) {
        try (Connection connection = connect(db, "application");
             PreparedStatement read = connection.prepareStatement("select name from crew where id = ?")) {
            int id = 0;
            while (!Thread.currentThread().isInterrupted()) {
                read.setInt(1, id++ % 10_000 + 1);
                long start = System.nanoTime();
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                }
                reads.add(Duration.ofNanos(System.nanoTime() - start));
                Thread.sleep(READ_EVERY.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException("an application read failed", e);
        }
    }

    /** v1 creates crew; v2 adds the deploy's changeset, a nullable column. */
    private void writeChangeLogs() throws IOException {
        String create = """
                databaseChangeLog:
                  - changeSet:
                      id: 2026-11-01-create-crew
                      author: ana
                      changes:
                        - createTable:
                            tableName: crew
                            columns:
                              - column: {name: id, type: int, constraints: {primaryKey: true, nullable: false}}
                              - column: {name: name, type: text}
                """;
        String addColumn = """
                  - changeSet:
                      id: 2026-12-01-crew-notes
                      author: ana
                      changes:
                        - addColumn:
                            tableName: crew
                            columns:
                              - column: {name: notes, type: text}
                """;
        write(work.resolve("v1").resolve(CHANGELOG), create);
        write(work.resolve("v2").resolve(CHANGELOG), create + addColumn);
    }

    private String table(List<Configuration> configurations, List<Run> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "A report holds a read lock on crew until %d s after the deploy first asks for"
                + " its lock; the application reads crew every %d ms; the deploy (a fresh JVM) adds a nullable column,"
                + " started %d s into the report. Medians of %d runs each, alternating, unless said otherwise.%n%n",
                report.toSeconds(), READ_EVERY.toMillis(), DEPLOY_AFTER.toSeconds(), runs));
        out.append("| settings | deploy outcome | deploy time (ms) | deploy ended after the report (ms)"
                + " | worst application read (ms) | worst read, all runs | reads' waits added up (ms)"
                + " | reads > 1.5 s (all runs) | said it waited and tried again |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Run>> byConfiguration = new LinkedHashMap<>();
        configurations.forEach(c -> byConfiguration.put(c.label(), new ArrayList<>()));
        results.forEach(r -> byConfiguration.get(r.configuration().label()).add(r));
        for (Map.Entry<String, List<Run>> entry : byConfiguration.entrySet()) {
            List<Run> runsOf = entry.getValue();
            String outcomes = runsOf.stream().map(r -> r.exitCode() == 0 && r.columnAdded() ? "applied"
                    : "failed (exit " + r.exitCode() + ")").distinct().reduce((a, b) -> a + ", " + b).orElse("");
            double afterReport = median(runsOf.stream().map(Run::afterReportMs).toList());
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %,.0f | %,.0f | %,.0f | %d of %d | %s |%n",
                    entry.getKey(), outcomes, median(runsOf.stream().map(Run::deployMs).toList()),
                    afterReport < 0 ? "– (ended before it)" : String.format(Locale.ROOT, "%,.0f", afterReport),
                    median(runsOf.stream().map(Run::worstReadMs).toList()),
                    runsOf.stream().mapToDouble(Run::worstReadMs).max().orElse(0),
                    median(runsOf.stream().map(Run::readWaitMs).toList()),
                    runsOf.stream().mapToInt(Run::slowReads).sum(), runsOf.stream().mapToInt(Run::reads).sum(),
                    runsOf.stream().allMatch(Run::saidItRetried) ? "yes"
                            : runsOf.stream().noneMatch(Run::saidItRetried) ? "no" : "some runs"));
        }
        return out.toString();
    }

    private Connection connect(String db, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, properties);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
