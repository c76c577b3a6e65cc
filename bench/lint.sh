#!/usr/bin/env bash
# Lint benchmark: `strata lint --all --static` over 200 generated revisions as a whole process (JVM start included;
# target <= 1 s), then squawk-cli (npm install -g squawk-cli, or --squawk PATH) and Strata over the same lint
# fixtures, printing per fixture which tool found what.
# Then observed lint (strata lint --all --observe) against applying the same revisions, on the server of
# --dev-url (a JDBC URL, default the local PostgreSQL as postgres; none to skip); target <= 2x (aim 1.5x),
# with and without the per-statement schema reads, in interleaved rounds. Prints PASS/MISS per target.
# Usage: bench/lint.sh [--count N] [--repeat N] [--squawk PATH] [--dev-url JDBC-URL|none]   (--help: every option)
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds in the reactor (bin/strata's jar included) and writes the bench's class path; installs nothing.
cp_file=strata-bench/target/bench.classpath
mvn -q -DskipTests -pl strata-bench -am package dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "strata-bench/target/classes:$(cat "$cp_file")" dev.strata.bench.lint.LintBenchmark "$@"
