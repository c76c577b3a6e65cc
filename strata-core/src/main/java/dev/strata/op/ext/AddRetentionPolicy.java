package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code SELECT add_retention_policy(relation, INTERVAL '2 years')}: a background job that drops
 * whole chunks older than {@code dropAfter}. Destructive (safety row T7): the rendered statement carries
 * {@link dev.strata.plan.Hazard#DATA_LOSS}, and removing the policy later does not bring dropped chunks back.
 * Reverse: {@link RemoveRetentionPolicy}.
 *
 * @param relation  the hypertable or continuous aggregate
 * @param dropAfter age after which chunks are dropped
 * @param scheduleInterval how often the job runs, or null for TimescaleDB\'s default
 */
public record AddRetentionPolicy(QualifiedName relation, String dropAfter, String scheduleInterval) implements ExtensionOp {
    public AddRetentionPolicy {
        Objects.requireNonNull(relation, "relation");
        dropAfter = Checks.interval(dropAfter, "drop_after", "retention policy on " + relation, false);
        scheduleInterval = Checks.interval(scheduleInterval, "schedule_interval", "policy on " + relation, true);
    }

    /** With TimescaleDB's default schedule. */
    public AddRetentionPolicy(QualifiedName relation, String dropAfter) {
        this(relation, dropAfter, null);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new RemoveRetentionPolicy(relation, dropAfter, scheduleInterval));
    }

    @Override
    public String describe() {
        return "add retention policy on " + relation + " dropping chunks after " + dropAfter;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
