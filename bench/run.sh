#!/usr/bin/env bash
# One command for the whole benchmark: builds the service jar and the drivers, then runs every
# measurement on one embedded PostgreSQL 17 and prints the tables (also in bench/target/results.md).
# Needs wrk on the PATH (Debian: apt-get install -y wrk). Settings: BENCH_N, BENCH_RUNS, BENCH_WRK_SECONDS,
# BENCH_WRK_CONNECTIONS, BENCH_AUTOMIGRATE_JVM_OPTS (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

. bench/java.sh
JAVA=$(find_java)
if [ "${BENCH_SERVICE:-true}" != false ]; then
  command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2; exit 64; }
fi

if [ "${BENCH_SKIP_BUILD:-false}" != true ]; then
  ./mvnw -B -ntp -q -DskipTests package -pl service -am
  ./mvnw -B -ntp -q -f bench/pom.xml package
fi
# the "tuned JVM" columns: the launch the README recommends, with a class-data archive written by a training run
archives="$root/bench/target/cds"; mkdir -p "$archives"; rm -f "$archives"/*.jsa
export BENCH_AUTOMIGRATE_JVM_OPTS="${BENCH_AUTOMIGRATE_JVM_OPTS--XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$archives/cli.jsa -XX:TieredStopAtLevel=1}"
export BENCH_SERVICE_JVM_OPTS="${BENCH_SERVICE_JVM_OPTS--XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$archives/serve.jsa}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -jar bench/runner/target/runner.jar "$root"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
