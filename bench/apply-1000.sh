#!/usr/bin/env bash
# Apply benchmark: 1,000 revisions with Strata, Flyway and bare JDBC (the floor) on one server.
# Usage: bench/apply-1000.sh [--url ADMIN_JDBC_URL] [--count N] [--repeat N] [--tools floor,flyway,strata] [--work DIR]
# Child JVM flags come from STRATA_JAVA_OPTS (default: the strata launcher's defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests install
cp_file=strata-bench/target/bench.classpath
mvn -q -pl strata-bench dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "strata-bench/target/classes:$(cat "$cp_file")" dev.strata.bench.ApplyBenchmark \
  --work strata-bench/target/apply-bench "$@"
