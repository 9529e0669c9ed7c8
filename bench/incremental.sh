#!/usr/bin/env bash
# The deploy that adds one changeset to a long history (issue 17): N applied + 1 new, automigrate `migrate` against
# plain Liquibase `update`, each on its own copy of one database, fresh JVMs, taking turns in every round; both
# layouts (a master including files of 10, one big file); then the service's start to ready with one new changeset.
# The table is also in bench/target/incremental/results.md. Settings: BENCH_N (1000,3000), BENCH_RUNS (5),
# BENCH_LAYOUTS (split,single), BENCH_SERVICE (true), BENCH_BASE_JAR (another commit's service jar, measured as
# "before"), BENCH_TUNED=true (both tools also with the README's container JVM flags), BENCH_SKIP_BUILD=true (reuse
# the jars), BENCH_JAVA (a JDK 21+).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

. bench/java.sh
JAVA=$(find_java)

if [ "${BENCH_SKIP_BUILD:-false}" != true ]; then
  ./mvnw -B -ntp -q -DskipTests package -pl service -am
  ./mvnw -B -ntp -q -f bench/pom.xml package
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -jar bench/runner/target/runner.jar "$root" --incremental
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
