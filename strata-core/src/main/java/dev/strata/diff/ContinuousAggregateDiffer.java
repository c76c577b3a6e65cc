package dev.strata.diff;

import dev.strata.model.ContinuousAggregate;
import dev.strata.model.ObjectName;
import dev.strata.op.QualifiedName;
import dev.strata.op.RawSql;
import dev.strata.op.ext.AddRefreshPolicy;
import dev.strata.op.ext.CreateContinuousAggregate;
import dev.strata.op.ext.DropContinuousAggregate;
import dev.strata.op.ext.RemoveRefreshPolicy;
import dev.strata.plan.Tx;

import java.util.Objects;

/**
 * TimescaleDB continuous aggregates and their refresh policies: created after their hypertable's settings
 * ({@link Phase#CONTINUOUS_AGGREGATES}, then {@link Phase#CONTINUOUS_AGGREGATE_POLICIES}), dropped before
 * it (policies first). A changed query, or a column it may read being dropped or changing type (PostgreSQL
 * refuses that while the aggregate's internal views use it), drops and creates the aggregate again (its
 * materialized rows are recomputed from the hypertable: destructive when a retention policy has dropped raw
 * chunks).
 *
 * <p>Whether an aggregate holds data is its state, not its schema: a new aggregate on a hypertable made in the
 * same diff is created {@code WITH NO DATA} (nothing to materialize, and the revision stays transactional);
 * one on an existing hypertable {@code WITH DATA}, materializing its history now, outside a transaction.
 */
final class ContinuousAggregateDiffer {
    private ContinuousAggregateDiffer() {
    }

    static void diff(DiffContext cx) {
        KeyedDiff<ObjectName, ContinuousAggregate> d = KeyedDiff.of(cx.from.continuousAggregates(),
                cx.to.continuousAggregates());
        d.removed().values().forEach(c -> drop(cx, c));
        d.added().values().forEach(c -> create(cx, c));
        d.unchanged().values().stream().filter(c -> cx.touched.contains(c.hypertable())).forEach(c -> {
            cx.note("continuous aggregate " + c.name() + " reads columns of " + c.hypertable()
                    + " that are dropped or change type: dropped and created again");
            drop(cx, c);
            create(cx, c);
        });
        d.changed().values().forEach(ch -> {
            ContinuousAggregate a = ch.from();
            ContinuousAggregate b = ch.to();
            QualifiedName v = ModelOps.qn(b.name());
            if (!a.definition().equals(b.definition()) || !a.hypertable().equals(b.hypertable())
                    || cx.touched.contains(a.hypertable())) {
                cx.note("continuous aggregate " + b.name() + " changed its query or reads changed columns:"
                        + " dropped and created again");
                drop(cx, a);
                create(cx, b);
                return;
            }
            if (a.materializedOnly() != b.materializedOnly()) {
                cx.add(Phase.CONTINUOUS_AGGREGATE_POLICIES, new RawSql(materializedOnly(v, b.materializedOnly()),
                        materializedOnly(v, a.materializedOnly()), Tx.IN_TRANSACTION));
            }
            if (!Objects.equals(a.refreshPolicy(), b.refreshPolicy())) {
                if (a.refreshPolicy() != null) {
                    cx.add(Phase.DROP_CONTINUOUS_AGGREGATE_POLICIES, new RemoveRefreshPolicy(v, policy(v, a)));
                }
                if (b.refreshPolicy() != null) {
                    cx.add(Phase.CONTINUOUS_AGGREGATE_POLICIES, policy(v, b));
                }
            }
        });
    }

    private static String materializedOnly(QualifiedName v, boolean value) {
        return "ALTER MATERIALIZED VIEW " + v.sql() + " SET (timescaledb.materialized_only = " + value + ")";
    }

    private static CreateContinuousAggregate createOp(DiffContext cx, ContinuousAggregate c) {
        boolean hypertableExisted = cx.from.hypertables().containsKey(c.hypertable());
        return new CreateContinuousAggregate(ModelOps.qn(c.name()), Sql.query(c.definition()), hypertableExisted,
                c.materializedOnly());
    }

    private static void create(DiffContext cx, ContinuousAggregate c) {
        cx.add(Phase.CONTINUOUS_AGGREGATES, createOp(cx, c));
        if (c.refreshPolicy() != null) {
            cx.add(Phase.CONTINUOUS_AGGREGATE_POLICIES, policy(ModelOps.qn(c.name()), c));
        }
    }

    /** The aggregate's policy goes with it. */
    private static void drop(DiffContext cx, ContinuousAggregate c) {
        QualifiedName v = ModelOps.qn(c.name());
        cx.addDestructive(Phase.DROP_CONTINUOUS_AGGREGATES, new DropContinuousAggregate(v,
                new CreateContinuousAggregate(v, Sql.query(c.definition()), true, c.materializedOnly())));
    }

    private static AddRefreshPolicy policy(QualifiedName v, ContinuousAggregate c) {
        ContinuousAggregate.RefreshPolicy p = c.refreshPolicy();
        return new AddRefreshPolicy(v, p.startOffset(), p.endOffset(), p.scheduleInterval());
    }
}
