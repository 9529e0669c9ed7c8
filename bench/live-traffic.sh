#!/usr/bin/env bash
# Deploying under live traffic (issue 16), before and after in one run: a report holds a read lock on crew for 15 s,
# the application reads crew every 100 ms, and `migrate` adds a nullable column. Prints the worst application read
# and the deploy's time for the old settings (MIGRATION_STATEMENT_LOCK_TIMEOUT=10s, MIGRATION_LOCK_RETRY_BUDGET=0) and
# the defaults; the table is also in bench/target/live-traffic/results.md. Settings: BENCH_LIVE_RUNS (3),
# BENCH_LIVE_REPORT_SECONDS (15), BENCH_SKIP_BUILD=true (reuse the jars), BENCH_JAVA (a JDK 21+).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

. bench/java.sh
JAVA=$(find_java)

if [ "${BENCH_SKIP_BUILD:-false}" != true ]; then
  ./mvnw -B -ntp -q -DskipTests package -pl service -am
  ./mvnw -B -ntp -q -f bench/pom.xml package -pl runner
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -jar bench/runner/target/runner.jar "$root" --live-traffic
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
