#!/usr/bin/env bash
# Inspect + diff benchmark: a generated 1,000-table schema (indexes, constraints, views, functions, triggers)
# in bench_diff_a and a slightly changed copy in bench_diff_b; inspects both and diffs them, cold and warm in
# one JVM (target: warm <= 1 s, after --warmup N untimed runs, 10 by default, while the JIT's second tier compiles), then times fresh JVMs doing one inspect + diff from the command line (target:
# <= 2 s): `bin/strata diff` itself, and the benchmark's --once (which prints where the time went).
# Both databases are inspected at once on two connections (as the CLI does); --sequential reads them one after the other.
# --reuse keeps bench_diff_a/b from an earlier run; --prefix NAME names them NAME_a/NAME_b; --drop drops them at the
# end (they are kept by default). Per-query breakdown: dev.strata.bench.diff.InspectProfile.
# Usage: bench/diff-1000.sh [--url ADMIN_JDBC_URL] [--tables N] [--warmup N] [--repeat N] [--sequential] [--reuse]
#        [--prefix NAME] [--drop]
#        bench/diff-1000.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds in the reactor (bin/strata's jar included) and writes the bench's class path; installs nothing.
cp_file=strata-bench/target/bench.classpath
if mvn -q -DskipTests -pl strata-bench -am package dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/bench.classpath >/dev/null 2>&1; then
  deps="$(cat "$cp_file")"
else
  # no dependency plugin at hand (an offline build): bin/strata's jar carries the runtime libraries
  mvn -q -o -DskipTests -pl strata-bench -am package >/dev/null
  deps="strata-testkit/target/classes:strata-testdb/target/classes:strata-cli/target/strata.jar"
fi
cp="strata-bench/target/classes:strata-core/target/classes:strata-postgres/target/classes:$deps"
url="jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"
url_args=()
java_args=()
prefix=bench_diff
drop=false
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == "--url" ]]; then j=$((i + 1)); url="${!j}"; url_args+=(--url "${!j}"); fi
  if [[ "${!i}" == "--prefix" ]]; then j=$((i + 1)); prefix="${!j}"; url_args+=(--prefix "${!j}"); fi
  if [[ "${!i}" == "--sequential" ]]; then url_args+=(--sequential); fi
  if [[ "${!i}" == "--help" || "${!i}" == "-h" ]]; then exec java -cp "$cp" dev.strata.bench.diff.DiffBenchmark --help; fi
  # the databases are dropped after the command-line runs below, not after the first part
  if [[ "${!i}" == "--drop" ]]; then drop=true; else java_args+=("${!i}"); fi
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
java -cp "$cp" dev.strata.bench.diff.DiffBenchmark "${java_args[@]}"

# Fresh JVMs from the command line. The database URLs: the admin URL with its database replaced.
db_url() { echo "$url" | sed -E "s#^(jdbc:postgresql://[^/?]*)(/[^?]*)?#\1/$1#"; }
best_cli=""
if [[ -f strata-cli/target/strata.jar ]]; then
  bin/strata --version >/dev/null 2>&1 || true # the first run after a build writes the class-data archive
  for run in 1 2 3; do
    start=$(date +%s%N)
    bin/strata diff "$(db_url "${prefix}_a")" "$(db_url "${prefix}_b")" >/dev/null 2>strata-bench/target/diff-cli.err
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    echo "command line run $run: bin/strata diff ${prefix}_a ${prefix}_b: ${ms} ms (start, connect, inspect both, diff, print)"
    if [[ -z "$best_cli" || $ms -lt $best_cli ]]; then best_cli=$ms; fi
  done
fi
best_once=""
for run in 1 2 3; do
  start=$(date +%s%N)
  java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" dev.strata.bench.diff.DiffBenchmark \
    "${url_args[@]}" --once
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "fresh JVM run $run: DiffBenchmark --once: ${ms} ms (start, connect, inspect both, diff)"
  if [[ -z "$best_once" || $ms -lt $best_once ]]; then best_once=$ms; fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
if [[ "$drop" == true ]]; then
  java -cp "$cp" dev.strata.bench.diff.DiffBenchmark "${url_args[@]}" --reuse --setup-only --drop >/dev/null
  echo "dropped ${prefix}_a and ${prefix}_b"
fi
verdict() { awk -v ms="$2" -v what="$1" 'BEGIN { printf "%s %s <= 2000 ms: best of 3 %d ms = %.2f x target\n", (ms <= 2000 ? "PASS" : "MISS"), what, ms, ms / 2000 }'; }
if [[ -n "$best_cli" ]]; then verdict "command line (bin/strata diff)" "$best_cli"; fi
verdict "fresh JVM (DiffBenchmark --once)" "$best_once"
