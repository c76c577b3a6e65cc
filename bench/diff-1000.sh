#!/usr/bin/env bash
# Inspect + diff benchmark: a generated 1,000-table schema (indexes, constraints, views, functions, triggers)
# in bench_diff_a and a slightly changed copy in bench_diff_b; inspects both and diffs them, cold and warm in
# one JVM, then times fresh JVMs doing one inspect + diff from the command line (target: <= 3 s).
# Both databases are inspected at once on two connections (as the CLI does); --sequential reads them one after the other.
# --reuse keeps bench_diff_a/b from an earlier run. Per-query breakdown: dev.strata.bench.diff.InspectProfile.
# Usage: bench/diff-1000.sh [--url ADMIN_JDBC_URL] [--tables N] [--repeat N] [--sequential] [--reuse]
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds in the reactor (bin/strata's jar included) and writes the bench's class path; installs nothing.
cp_file=strata-bench/target/bench.classpath
mvn -q -DskipTests -pl strata-bench -am package dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="strata-bench/target/classes:strata-core/target/classes:strata-postgres/target/classes:$(cat "$cp_file")"
url_args=()
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == "--url" ]]; then j=$((i + 1)); url_args+=(--url "${!j}"); fi
  if [[ "${!i}" == "--sequential" ]]; then url_args+=(--sequential); fi
done
java -cp "$cp" dev.strata.bench.diff.DiffBenchmark "$@"
best=""
for run in 1 2 3; do
  start=$(date +%s%N)
  java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$cp" dev.strata.bench.diff.DiffBenchmark "${url_args[@]}" --once
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "command line run $run: ${ms} ms (fresh JVM: start, connect, inspect both, diff)"
  if [[ -z "$best" || $ms -lt $best ]]; then best=$ms; fi
done
awk -v ms="$best" 'BEGIN { printf "target command line <= 3000 ms: best %d ms = %.2f x target (%s)\n", ms, ms / 3000, (ms <= 3000 ? "met" : "missed") }'
