package dev.strata.run;

import dev.strata.graph.Direction;
import dev.strata.graph.Step;
import dev.strata.lint.StatementShape;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gathers one step's {@link StepMetrics} while it runs: the sizes of the relations its statements name (read before
 * it starts, and again at its end), the measurements the target returns, lock retries, backfills, verification.
 */
final class StepMeasure {
    private final Step step;
    private final Target target;
    private final long t0;
    private final List<String> names;
    /** The sizes before the step; see {@link #StepMeasure(Step, Target, List, long, boolean)}. */
    private Map<String, Target.RelationBytes> before = Map.of();
    private final boolean onlyNew;
    /** The relations the step drops and does not name again: gone once it has run, so not measured after it. */
    private final Set<String> gone;
    private long rows;
    private long lockWaitMs;
    private int lockRetries;
    private final List<StepMetrics.IndexBuild> indexBuilds = new ArrayList<>();
    private final List<StepMetrics.Backfill> backfills = new ArrayList<>();
    private StepMetrics.Verify verify;

    /**
     * Starts measuring a step. With {@code readBefore}, the sizes of the relations it names are read now; without, the
     * caller hands them over with {@link #before(Map)} before the step's first statement runs (read by the target
     * with that statement: {@link Target#runInTransaction(List, List, Bookkeeping, java.util.Collection,
     * java.util.function.Consumer)}).
     */
    StepMeasure(Step step, Target target, List<Statement> plan, long t0, boolean readBefore) {
        this.step = step;
        this.target = target;
        this.t0 = t0;
        this.names = relations(plan);
        this.onlyNew = onlyCreatesNew(plan);
        this.gone = dropped(plan);
        if (readBefore) {
            before = target.sizesOrNone(beforeNames()); // none when unreadable: a measurement never stops a step
        }
    }

    /** The relations whose sizes before the step are wanted: none when it only creates new ones. */
    List<String> beforeNames() {
        return onlyNew ? List.of() : names;
    }

    /** The sizes before the step, read by the target ({@code readBefore} false). */
    void before(Map<String, Target.RelationBytes> sizes) {
        before = sizes;
    }

    /**
     * Whether the step only creates new, empty relations: each statement that names one is a {@code CREATE TABLE} or
     * {@code CREATE INDEX} (without IF NOT EXISTS) of relations the step itself creates, and none fills, changes or
     * drops anything. Their sizes are then those of empty relations and are not read: reading them opens every new
     * relation in the session, which made a 1,000-revision apply a third slower.
     */
    static boolean onlyCreatesNew(List<Statement> plan) {
        Set<String> created = new LinkedHashSet<>();
        for (Statement s : plan) {
            if (s.tx() == Tx.BATCHED) {
                return false;
            }
            if (s.sql().isBlank()) {
                continue;
            }
            StatementShape shape = StatementShape.of(s.sql());
            List<String> named = shape.relations();
            List<String> made = shape.created();
            if (named.isEmpty()) {
                continue;
            }
            if (made.isEmpty()) {
                return false;
            }
            created.addAll(made);
            if (!created.containsAll(named)) {
                return false;
            }
        }
        return true;
    }

    /** The relations the statements name, in order. */
    static List<String> relations(List<Statement> plan) {
        Set<String> out = new LinkedHashSet<>();
        for (Statement s : plan) {
            if (s.tx() == Tx.BATCHED) {
                out.add(s.backfill().table());
            } else if (!s.sql().isBlank()) {
                out.addAll(StatementShape.of(s.sql()).relations());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The relations that {@code plan} drops by name and does not name again after: a revision's downgrade mostly
     * drops what its upgrade made, and reading the sizes of relations that no longer exist was one round trip of
     * every such step (found at 4 round trips a revision against the floor's 2, in a 1,000-revision downgrade).
     */
    static Set<String> dropped(List<Statement> plan) {
        Set<String> out = new LinkedHashSet<>();
        for (Statement s : plan) {
            if (s.tx() == Tx.BATCHED || s.sql().isBlank()) {
                continue;
            }
            // a later statement that names it (CREATE TABLE IF NOT EXISTS, say) may have made it again
            StatementShape shape = StatementShape.of(s.sql());
            out.removeAll(shape.relations());
            out.addAll(shape.dropped());
        }
        return out;
    }

    void add(Target.StatementStats stats) {
        rows += stats.rowsAffected();
        indexBuilds.addAll(stats.indexBuilds());
    }

    void lockRetry(long lostMs) {
        lockRetries++;
        lockWaitMs += lostMs;
    }

    void backfill(String table, long rowsChanged, long ms) {
        backfills.add(new StepMetrics.Backfill(table, rowsChanged, ms));
        rows += rowsChanged;
    }

    /** Verification ran ({@code failure} null: passed). */
    void verified(int statements, String failure) {
        if (statements > 0) {
            verify = new StepMetrics.Verify(statements, failure == null, failure);
        }
    }

    /**
     * The metrics as they stand; the sizes after are read now (inside the step's transaction when there is one), but
     * not of what a successful step dropped.
     */
    StepMetrics finish(HistoryEntry.Status status) {
        List<String> remaining = status == HistoryEntry.Status.OK
                ? names.stream().filter(n -> !gone.contains(n)).toList() : names;
        Map<String, Target.RelationBytes> after = onlyNew ? Map.of() : target.sizesOrNone(remaining);
        List<StepMetrics.RelationSize> sizes = new ArrayList<>();
        for (String n : names) {
            Target.RelationBytes b = before.get(n);
            Target.RelationBytes a = after.get(n);
            if (b != null || a != null) {
                sizes.add(new StepMetrics.RelationSize(n, a != null ? a.kind() : b.kind(),
                        b == null ? null : b.bytes(), a == null ? null : a.bytes()));
            }
        }
        String direction = step.direction() == Direction.UP ? "upgrade" : "downgrade";
        return new StepMetrics(step.id().value(), direction, status.name().toLowerCase(Locale.ROOT),
                StepExecutor.millis(t0), rows, lockWaitMs, lockRetries, sizes, indexBuilds, backfills, verify);
    }
}
