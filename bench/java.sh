# Sourced by the bench scripts: find_java prints a JDK 21+ java (BENCH_JAVA, else JAVA_HOME's, else the first under
# /usr/lib/jvm, else the PATH's), or exits 64 saying how to point at one.
java_version() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
find_java() {
  local candidate
  for candidate in "${BENCH_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_version "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"; return
    fi
  done
  echo "no JDK 21+ found (set BENCH_JAVA=/path/to/bin/java)" >&2; exit 64
}
