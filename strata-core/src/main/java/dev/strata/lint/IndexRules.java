package dev.strata.lint;

import dev.strata.lint.Stmt.ActionKind;
import dev.strata.lint.Stmt.Kind;

import java.util.List;
import java.util.Set;

import static dev.strata.lint.Severity.ERROR;
import static dev.strata.lint.Severity.WARNING;

/** Index builds and drops, REINDEX, partition detach and materialized view refresh: the CONCURRENTLY family. */
final class IndexRules {
    static final String NON_TX = "a revision with '-- strata:transactional false'";
    private static final Set<String> VECTOR_METHODS = Set.of("ivfflat", "hnsw");

    private IndexRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.of(RuleInfo.of("SA001", "require-concurrent-index-creation", ERROR,
                        "CREATE INDEX without CONCURRENTLY on a table that already exists",
                        "A plain index build holds a SHARE lock on the table for the whole scan and sort: every "
                                + "INSERT, UPDATE and DELETE waits, for minutes on a big table.",
                        "Build it with CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE: reads and writes go on) in "
                                + NON_TX + ".",
                        "Java revisions: op.createIndex(...) builds concurrently by default (Mode.ONLINE). SQL: "
                                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS in a non-transactional revision; Strata "
                                + "drops an INVALID leftover of the same name before each concurrent build.",
                        "require-concurrent-index-creation"), IndexRules::concurrentCreate),
                Rule.of(RuleInfo.of("SA002", "require-concurrent-index-deletion", WARNING,
                        "DROP INDEX without CONCURRENTLY",
                        "DROP INDEX takes ACCESS EXCLUSIVE on the index's table: short, but it waits behind every "
                                + "running query and every later query, reads included, queues behind it.",
                        "DROP INDEX CONCURRENTLY IF EXISTS name (one index per statement, no CASCADE) in " + NON_TX
                                + ". Indexes that back a constraint are dropped with the constraint.",
                        "Java revisions: op.dropIndex(...) drops concurrently by default.",
                        "require-concurrent-index-deletion"), IndexRules::concurrentDrop),
                Rule.of(RuleInfo.of("SA003", "concurrently-in-transaction", ERROR,
                        "CONCURRENTLY (or VACUUM) in a revision that runs inside a transaction, or inside a DO block",
                        "PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION "
                                + "CONCURRENTLY and VACUUM inside a transaction block; a DO block is always one transaction. "
                                + "The revision fails when it is applied.",
                        "Put the statement in " + NON_TX + " (Strata then runs it on its own, outside any "
                                + "transaction), at the top level, not in a DO block.",
                        "Header line '-- strata:transactional false'.",
                        "ban-concurrent-index-creation-in-transaction"), IndexRules::concurrentInTransaction),
                Rule.of(RuleInfo.of("SA004", "concurrent-index-retry-leftover", WARNING,
                        "A concurrent index build that a retry would not clean up: no index name, or hidden in a "
                                + "DO block or EXECUTE",
                        "A concurrent build that fails or times out leaves an INVALID index that is still "
                                + "maintained on every write. Strata drops such a leftover before it builds an index "
                                + "of the same name again, but it cannot when the index has no name (the retry builds "
                                + "a second index) or when the statement is inside a DO block (Strata does not see it).",
                        "Name the index and write the statement at the top level of a non-transactional revision: "
                                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_name ON table (...).",
                        "Strata's runner (and op.createIndex) handle the INVALID leftover of a named build.",
                        "prefer-robust-stmts"), IndexRules::retryLeftover),
                Rule.of(RuleInfo.of("SA005", "require-concurrent-reindex", ERROR,
                        "REINDEX without CONCURRENTLY",
                        "REINDEX locks the table against writes (SHARE) and the index against every query using it "
                                + "(ACCESS EXCLUSIVE) for the whole rebuild.",
                        "REINDEX ... CONCURRENTLY (PostgreSQL 12+) in " + NON_TX
                                + "; a failed run leaves an INVALID _ccnew index to drop.",
                        "", "require-concurrent-reindex"), IndexRules::reindex),
                Rule.of(RuleInfo.of("SA006", "require-concurrent-partition-detach", ERROR,
                        "ALTER TABLE ... DETACH PARTITION without CONCURRENTLY",
                        "DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table and the partition: every "
                                + "query on the whole partitioned table waits.",
                        "DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+, no default partition) in " + NON_TX
                                + "; if interrupted, finish with DETACH PARTITION ... FINALIZE.",
                        "", "require-concurrent-partition-detach"), IndexRules::detach),
                Rule.of(RuleInfo.of("SA007", "require-concurrent-refresh", WARNING,
                        "REFRESH MATERIALIZED VIEW without CONCURRENTLY",
                        "A plain refresh holds ACCESS EXCLUSIVE on the materialized view while it is recomputed: "
                                + "every read of the view waits.",
                        "Give the view a unique index once, then REFRESH MATERIALIZED VIEW CONCURRENTLY (EXCLUSIVE: "
                                + "reads go on).",
                        "Java revisions: op.add(new RefreshMaterializedView(view, true)) once the view has a unique "
                                + "index."), IndexRules::refresh));
    }

    private static boolean vector(Stmt s) {
        return VECTOR_METHODS.contains(s.index().method());
    }

    private static void concurrentCreate(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.CREATE_INDEX) && !s.index().concurrently() && scope.existing(s.table())
                && !scope.hypertable(s.table()) && !vector(s)) {
            out.report(s, s.table(), LockLevel.SHARE, Set.of(Effect.INDEX_BUILD),
                    "builds index " + (s.index().name() == null ? "" : s.index().name() + " ")
                            + "on existing table " + s.table() + " without CONCURRENTLY");
        }
    }

    private static void concurrentDrop(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.DROP_INDEX) && !s.has("concurrently") && !scope.created.contains(s.table())) {
            out.report(s, null, LockLevel.ACCESS_EXCLUSIVE, Set.of(),
                    "drops index " + s.table() + " with ACCESS EXCLUSIVE on its table");
        }
    }

    private static void concurrentInTransaction(Stmt s, Scope scope, Sink out) {
        boolean concurrent = (s.is(Kind.CREATE_INDEX) && s.index().concurrently())
                || (s.is(Kind.DROP_INDEX) && s.has("concurrently"))
                || (s.is(Kind.REINDEX) && s.has("concurrently"))
                || (s.is(Kind.ALTER_TABLE) && s.actions().stream().anyMatch(
                        a -> a.kind() == ActionKind.DETACH_PARTITION && a.has("concurrently")));
        if (s.is(Kind.VACUUM)) {
            // found by observation: VACUUM (FULL or not) cannot run inside a transaction block either
            if (s.inDo()) {
                out.report(s, s.table(), null, Set.of(Effect.FAILS),
                        "runs VACUUM inside a DO block, which is always one transaction: PostgreSQL rejects it");
            } else if (scope.transactional) {
                out.report(s, s.table(), null, Set.of(Effect.FAILS), "runs VACUUM in a transactional revision: "
                        + "PostgreSQL rejects it inside the transaction Strata opens for the revision");
            }
            return;
        }
        if (!concurrent || scope.deferred(s)) {
            return; // a deferred build runs after the revision's transaction
        }
        if (s.inDo()) {
            out.report(s, s.table(), null, Set.of(Effect.FAILS),
                    "runs CONCURRENTLY inside a DO block, which is always one transaction: PostgreSQL rejects it");
        } else if (scope.transactional) {
            out.report(s, s.table(), null, Set.of(Effect.FAILS),
                    "runs CONCURRENTLY in a transactional revision: PostgreSQL rejects it inside the transaction "
                            + "Strata opens for the revision");
        }
    }

    private static void retryLeftover(Stmt s, Scope scope, Sink out) {
        if (!s.is(Kind.CREATE_INDEX) || !s.index().concurrently() || scope.hypertable(s.table())) {
            return;
        }
        if (s.index().name() == null) {
            out.report(s, s.table(), null, Set.of(Effect.FAILS),
                    "builds an unnamed index concurrently: after a failed attempt the INVALID index stays and a "
                            + "retry builds a second one");
        } else if (s.inDo()) {
            out.report(s, s.table(), null, Set.of(Effect.FAILS),
                    "builds index " + s.index().name() + " concurrently inside a DO block or EXECUTE, where Strata "
                            + "cannot drop an INVALID leftover before a retry");
        }
    }

    private static void reindex(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.REINDEX) && !s.has("concurrently")) {
            out.report(s, null, LockLevel.SHARE, Set.of(Effect.INDEX_BUILD),
                    "rebuilds indexes without CONCURRENTLY");
        }
    }

    private static void detach(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.ALTER_TABLE) && scope.existing(s.table()) && s.actions().stream().anyMatch(
                a -> a.kind() == ActionKind.DETACH_PARTITION && !a.has("concurrently"))) {
            out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(),
                    "detaches a partition of " + s.table() + " without CONCURRENTLY");
        }
    }

    private static void refresh(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.REFRESH_MATVIEW) && !s.has("concurrently") && scope.existing(s.table())) {
            out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.FULL_SCAN),
                    "recomputes materialized view " + s.table() + " while holding ACCESS EXCLUSIVE on it");
        }
    }
}
