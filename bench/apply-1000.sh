#!/usr/bin/env bash
# Apply benchmark: 1,000 revisions with Strata, Flyway, Liquibase, Alembic and bare JDBC (the floor) on one server:
# apply, no-op and full downgrade, each tool in its own process. Alembic needs the alembic command and psycopg2
# (Debian: apt-get install alembic python3-psycopg2).
# Usage: bench/apply-1000.sh [--url ADMIN_JDBC_URL] [--count N] [--repeat N] [--tools floor,flyway,liquibase,alembic,strata]
#                            [--work DIR] [--tablespace NAME]   (the scratch databases in that tablespace, e.g. on a RAM disk)
#        bench/apply-1000.sh --help   (every option)
#        bench/apply-1000.sh --memory-check   (Flyway and Strata apply 100, 1,000 and 10,000 revisions once each: peak RSS
#        growth and the ratio at 10,000, with PASS/MISS; takes several minutes)
# Child JVM flags come from STRATA_JAVA_OPTS (default: the strata launcher's defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds in the reactor (bin/strata's jar included) and writes the bench's class path; installs nothing.
cp_file=strata-bench/target/bench.classpath
mvn -q -DskipTests -pl strata-bench -am package dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "strata-bench/target/classes:$(cat "$cp_file")" dev.strata.bench.ApplyBenchmark \
  --work strata-bench/target/apply-bench "$@"
