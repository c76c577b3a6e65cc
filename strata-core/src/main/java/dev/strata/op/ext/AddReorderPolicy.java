package dev.strata.op.ext;

import dev.strata.op.QualifiedName;
import dev.strata.plan.Statement;
import java.util.Set;
import java.util.List;
import dev.strata.op.ExtensionOp;
import dev.strata.op.Reversal;

import java.util.Objects;

/**
 * TimescaleDB {@code SELECT add_reorder_policy(hypertable, index)}: a background job that rewrites each
 * finished chunk in the order of {@code index} (like CLUSTER, chunk by chunk, under an exclusive lock on that
 * chunk only). With a schedule the job is then set to it ({@code alter_job}). Reverse:
 * {@link RemoveReorderPolicy}.
 *
 * @param hypertable       the hypertable
 * @param index            the index to order by, in the hypertable's schema
 * @param scheduleInterval how often the job runs, or null for TimescaleDB's default
 */
public record AddReorderPolicy(QualifiedName hypertable, String index, String scheduleInterval) implements ExtensionOp {
    public AddReorderPolicy {
        Objects.requireNonNull(hypertable, "hypertable");
        String where = "reorder policy on " + hypertable;
        Checks.name(index, "index", where);
        scheduleInterval = Checks.interval(scheduleInterval, "schedule_interval", where, true);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new RemoveReorderPolicy(hypertable, this));
    }

    @Override
    public String describe() {
        return "add reorder policy on " + hypertable + " by " + index;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
