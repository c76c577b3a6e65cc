package dev.strata.lint;

import dev.strata.lint.Stmt.Action;
import dev.strata.lint.Stmt.ActionKind;
import dev.strata.lint.Stmt.Kind;

import java.util.List;
import java.util.Set;

import static dev.strata.lint.Severity.ERROR;
import static dev.strata.lint.Severity.WARNING;

/** pgvector: IVFFlat on empty tables, vector index builds, embedding dimension changes. */
final class VectorRules {
    private VectorRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.of(RuleInfo.of("SA300", "ivfflat-on-empty-table", WARNING,
                        "CREATE INDEX ... USING ivfflat on a table created in the same revision",
                        "IVFFlat computes its list centroids from the rows present when it is built; on an empty "
                                + "table the centroids are meaningless and recall stays bad until the index is rebuilt.",
                        "Put '-- strata:defer-until-rows' right above it (the runner builds it once the table has "
                                + "lists x 39 rows), build it after the data is loaded (a later revision, with lists ~ "
                                + "rows/1000), or use HNSW, which can be built on an empty table.",
                        "Java revisions: CreateVectorIndex.ivfflat(...).withDeferUntilRows(true), or op.add(CreateVectorIndex.hnsw(...)) for a table that starts empty."),
                        VectorRules::ivfflatEmpty),
                Rule.of(RuleInfo.of("SA301", "vector-index-build", ERROR,
                        "An HNSW or IVFFlat index built on an existing table without CONCURRENTLY, or without "
                                + "maintenance_work_mem raised",
                        "Vector index builds are long (minutes to hours): without CONCURRENTLY, writes are blocked for "
                                + "all of it. With the default maintenance_work_mem the HNSW graph spills to disk and "
                                + "the build gets many times slower.",
                        "In a non-transactional revision: SET maintenance_work_mem = '2GB' (sized to the graph, not "
                                + "the server), then CREATE INDEX CONCURRENTLY ... USING hnsw.",
                        "Java revisions: op.add(CreateVectorIndex.hnsw(...)) builds concurrently (Mode.ONLINE)."),
                        VectorRules::build),
                Rule.of(RuleInfo.of("SA302", "vector-dimension-change", ERROR,
                        "ALTER COLUMN ... TYPE vector(n) / halfvec(n) on an existing table",
                        "Every embedding is rewritten under ACCESS EXCLUSIVE and every vector index on the column is "
                                + "rebuilt, usually the most expensive index of the database.",
                        "Add a new column for the new model, backfill the embeddings in batches, build its index "
                                + "concurrently, switch the readers, drop the old column.", ""),
                        VectorRules::dimension));
    }

    private static void ivfflatEmpty(Stmt s, Scope scope, Sink out) {
        // under -- strata:defer-until-rows the build waits for the rows: nothing to report
        if (s.is(Kind.CREATE_INDEX) && s.index().method().equals("ivfflat") && s.table() != null
                && scope.created.contains(s.table()) && !scope.deferred(s)) {
            out.report(s, s.table(), null, Set.of(),
                    "builds an IVFFlat index on " + s.table() + ", created empty in this revision");
        }
    }

    private static void build(Stmt s, Scope scope, Sink out) {
        if (!s.is(Kind.CREATE_INDEX) || !Set.of("hnsw", "ivfflat").contains(s.index().method())
                || !scope.existing(s.table()) || scope.hypertable(s.table()) || scope.deferred(s)) {
            return;
        }
        if (!s.index().concurrently()) {
            out.report(s, s.table(), LockLevel.SHARE, Set.of(Effect.INDEX_BUILD),
                    "builds a " + s.index().method() + " index on existing table " + s.table() + " without CONCURRENTLY");
        } else if (!scope.maintenanceWorkMemSet) {
            out.report(s, s.table(), null, Set.of(Effect.INDEX_BUILD),
                    "builds a " + s.index().method() + " index on " + s.table()
                            + " with the default maintenance_work_mem");
        }
    }

    private static void dimension(Stmt s, Scope scope, Sink out) {
        if (!s.is(Kind.ALTER_TABLE) || !scope.existing(s.table())) {
            return;
        }
        for (Action a : s.actions()) {
            if (a.kind() == ActionKind.ALTER_TYPE && (a.has("vector") || a.has("halfvec"))) {
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.REWRITE, Effect.INDEX_BUILD),
                        "changes the vector type of " + s.table() + "." + a.column());
            }
        }
    }
}
