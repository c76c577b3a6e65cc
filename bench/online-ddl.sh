#!/usr/bin/env bash
# Online-DDL benchmark: schema changes on a large table under a steady write load, naive vs Strata.
# Usage: bench/online-ddl.sh [--url ADMIN_JDBC_URL] [--rows N] [--rate WRITES_PER_S] [--pool N]
#        [--ops add-column-volatile,add-column-constant,add-foreign-key,add-unique,create-index,widen-int]
#        [--modes naive,strata,strata-in-place,strata-copy-swap] [--settle-ms MS] [--reuse] [--keep]
# strata = the backfill strategy chosen automatically; strata-in-place / strata-copy-swap force one (these two
# run only for the changes that backfill every row). PASS/MISS lines at the end, one per target.
# Quick run: bench/online-ddl.sh --rows 200000. Strata step timings: JAVA_OPTS=-Donline.trace=true
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds in the reactor (bin/strata's jar included) and writes the bench's class path; installs nothing.
cp_file=strata-bench/target/bench.classpath
mvn -q -DskipTests -pl strata-bench -am package dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
# this tree's own classes first: the strata-* jars in the local repository may come from another checkout
own="strata-bench/target/classes:strata-cli/target/classes:strata-postgres/target/classes:strata-core/target/classes"
exec java ${JAVA_OPTS:-} -cp "$own:$(cat "$cp_file")" dev.strata.bench.online.OnlineDdlBenchmark "$@"
