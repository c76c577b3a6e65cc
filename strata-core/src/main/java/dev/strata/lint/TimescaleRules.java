package dev.strata.lint;

import dev.strata.lint.Stmt.Action;
import dev.strata.lint.Stmt.ActionKind;
import dev.strata.lint.Stmt.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.strata.lint.Severity.ERROR;
import static dev.strata.lint.Severity.WARNING;

/** TimescaleDB hypertables: conversion of populated tables, unique keys, index builds, compression, retention. */
final class TimescaleRules {
    private TimescaleRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.of(RuleInfo.of("SA200", "hypertable-from-populated-table", ERROR,
                        "create_hypertable(...) on a table that existed before this revision",
                        "Without migrate_data it fails as soon as the table has rows (it works on the empty "
                                + "development database); with migrate_data => true every row is copied into chunks "
                                + "inside the revision's transaction while the table is locked. It also sets NOT NULL "
                                + "on the time column, a full scan.",
                        "Create the hypertable empty (CREATE TABLE, then create_hypertable in the same revision), copy "
                                + "the rows over in batches, then swap the names.",
                        "Java revisions: op.add(CreateHypertable.of(table, timeColumn, interval)) right after "
                                + "op.createTable in the same revision."), TimescaleRules::populated),
                Rule.of(RuleInfo.of("SA201", "hypertable-unique-without-partition-column", ERROR,
                        "A unique index, UNIQUE or PRIMARY KEY on a hypertable that leaves out a partitioning column",
                        "TimescaleDB can enforce uniqueness only within a chunk, so it rejects unique keys without "
                                + "every partitioning column (time, and space dimensions); the revision fails.",
                        "Include the partitioning columns in the key, e.g. PRIMARY KEY (id, time).", ""),
                        TimescaleRules::uniqueKey),
                Rule.of(RuleInfo.of("SA202", "hypertable-index-build", ERROR,
                        "CREATE INDEX CONCURRENTLY on a hypertable, or a plain index build on an existing hypertable",
                        "TimescaleDB does not support CONCURRENTLY on hypertables (the statement fails), and a plain "
                                + "CREATE INDEX locks every chunk against writes for the whole build.",
                        "CREATE INDEX ... WITH (timescaledb.transaction_per_chunk) locks one chunk at a time (not for "
                                + "UNIQUE); if it fails, the parent index is left invalid: drop and build again.",
                        ""), TimescaleRules::indexBuild),
                Rule.of(RuleInfo.of("SA203", "alter-compressed-hypertable", ERROR,
                        "A type change, column drop or new unique key on a hypertable with compression",
                        "Compressed chunks do not allow these changes: the statement fails, and the way around it "
                                + "(decompressing) rewrites the chunks inside the deploy.",
                        "Plan it as its own job: decompress the affected chunks in batches, alter, compress again; or "
                                + "add a new column instead of changing the type.", ""),
                        TimescaleRules::compressed),
                Rule.of(RuleInfo.of("SA204", "timescale-destructive-retention", WARNING,
                        "drop_chunks(...) or add_retention_policy(...) in a revision",
                        "Both drop chunk tables, data loss like DROP TABLE, but no generic rule sees it.",
                        "Declare it: '-- strata:destructive REASON' in the header (the finding then drops to info).",
                        "Java revisions: op.add(new AddRetentionPolicy(...)).", ""), TimescaleRules::retention));
    }

    private static void populated(Stmt s, Scope scope, Sink out) {
        if (!s.is(Kind.SELECT) || !s.calls().contains("create_hypertable")) {
            return;
        }
        String table = hypertableArg(s);
        boolean migrate = s.has("migrate_data");
        if (table != null && (scope.existing(table) || migrate)) {
            out.report(s, table, LockLevel.ACCESS_EXCLUSIVE, migrate ? Set.of(Effect.REWRITE) : Set.of(Effect.FAILS),
                    "turns existing table " + table + " into a hypertable"
                            + (migrate ? ", copying every row into chunks" : "; fails if it has rows"));
        }
    }

    static String hypertableArg(Stmt s) {
        List<Token> t = s.tokens();
        int i = Stmt.indexOfSequence(t, 0, "create_hypertable");
        return i >= 0 && i + 2 < t.size() && t.get(i + 2).type() == Token.Type.STRING
                ? Names.regclassKey(t.get(i + 2).text()) : null;
    }

    private static void uniqueKey(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.SELECT) && s.calls().contains("create_hypertable")) {
            // uniques declared before the conversion; the dimensions come from this call
            String table = hypertableArg(s);
            List<String> dims = dims(s);
            for (List<String> key : scope.chain.uniques.getOrDefault(table, List.of())) {
                if (!key.containsAll(dims)) {
                    report(s, table, key, dims, out);
                }
            }
            return;
        }
        if (!scope.hypertable(s.table())) {
            return;
        }
        List<String> dims = scope.chain.hypertables.get(s.table());
        List<List<String>> keys = new ArrayList<>();
        if (s.is(Kind.CREATE_INDEX) && s.index().unique()) {
            keys.add(s.index().columns());
        }
        if (s.is(Kind.ALTER_TABLE)) {
            for (Action a : s.actions()) {
                if (a.kind() == ActionKind.ADD_CONSTRAINT && (a.has("unique") || a.has("primary")) && !a.has("using")) {
                    int i = Stmt.indexOfSequence(a.tokens(), 0, a.has("unique") ? "unique" : "key");
                    keys.add(Names.columnList(a.tokens(), i + 1));
                }
            }
        }
        for (List<String> key : keys) {
            if (!key.containsAll(dims)) {
                report(s, s.table(), key, dims, out);
            }
        }
    }

    private static List<String> dims(Stmt s) {
        List<String> dims = new ArrayList<>();
        List<Token> t = s.tokens();
        int i = Stmt.indexOfSequence(t, 0, "create_hypertable");
        for (int j = i + 3; j < t.size(); j++) {
            if (t.get(j).type() == Token.Type.STRING) {
                dims.add(t.get(j).text());
                break;
            }
        }
        return dims;
    }

    private static void report(Stmt s, String table, List<String> key, List<String> dims, Sink out) {
        out.report(s, table, null, Set.of(Effect.FAILS), "unique key (" + String.join(", ", key) + ") of hypertable "
                + table + " leaves out partitioning column " + String.join(", ", dims));
    }

    private static void indexBuild(Stmt s, Scope scope, Sink out) {
        if (!s.is(Kind.CREATE_INDEX) || !scope.hypertable(s.table())) {
            return;
        }
        if (scope.deferred(s)) {
            if (!s.index().with().contains("transaction_per_chunk")) {
                out.report(s, s.table(), null, Set.of(Effect.FAILS), "defers an index build on hypertable " + s.table()
                        + " that Strata will run CONCURRENTLY, which TimescaleDB does not support: add"
                        + " WITH (timescaledb.transaction_per_chunk, ...)");
            }
            return;
        }
        if (s.index().concurrently()) {
            out.report(s, s.table(), null, Set.of(Effect.FAILS),
                    "builds an index CONCURRENTLY on hypertable " + s.table() + ", which TimescaleDB does not support");
        } else if (scope.existing(s.table()) && !s.index().with().contains("transaction_per_chunk")) {
            out.report(s, s.table(), LockLevel.SHARE, Set.of(Effect.INDEX_BUILD),
                    "builds an index on hypertable " + s.table() + " locking every chunk against writes");
        }
    }

    private static void compressed(Stmt s, Scope scope, Sink out) {
        if (!s.is(Kind.ALTER_TABLE) || !scope.chain.compressed.contains(s.table())) {
            return;
        }
        for (Action a : s.actions()) {
            boolean bad = a.kind() == ActionKind.ALTER_TYPE || a.kind() == ActionKind.DROP_COLUMN
                    || (a.kind() == ActionKind.ADD_CONSTRAINT && (a.has("unique") || a.has("primary")));
            if (bad) {
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.FAILS, Effect.REWRITE),
                        (a.kind() == ActionKind.ALTER_TYPE ? "changes the type of " + a.column() + " of"
                                : a.kind() == ActionKind.DROP_COLUMN ? "drops column " + a.column() + " of"
                                : "adds a unique key to") + " compressed hypertable " + s.table());
            }
        }
    }

    private static void retention(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.SELECT) && (s.calls().contains("drop_chunks") || s.calls().contains("add_retention_policy"))) {
            out.report(s, null, null, Set.of(Effect.DATA_LOSS),
                    s.calls().contains("drop_chunks") ? "drops chunks (their rows are gone)"
                            : "adds a retention policy that drops chunks from now on");
        }
    }
}
