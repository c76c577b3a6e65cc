package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code SELECT remove_retention_policy(relation)}. Reverse: {@link AddRetentionPolicy} with the
 * removed interval.
 *
 * @param relation  the hypertable or continuous aggregate
 * @param dropAfter the interval of the policy being removed, or null when unknown (then irreversible)
 * @param scheduleInterval the removed policy\'s schedule (for the reverse), or null for the default
 */
public record RemoveRetentionPolicy(QualifiedName relation, String dropAfter, String scheduleInterval) implements ExtensionOp {
    public RemoveRetentionPolicy {
        Objects.requireNonNull(relation, "relation");
        dropAfter = Checks.interval(dropAfter, "drop_after", "remove retention policy on " + relation, true);
        scheduleInterval = Checks.interval(scheduleInterval, "schedule_interval", "policy on " + relation, true);
    }

    /** Whose reverse uses TimescaleDB's default schedule. */
    public RemoveRetentionPolicy(QualifiedName relation, String dropAfter) {
        this(relation, dropAfter, null);
    }

    @Override
    public Reversal reverse() {
        return dropAfter == null
                ? Reversal.irreversible("the removed policy's drop_after interval was not given")
                : Reversal.of(new AddRetentionPolicy(relation, dropAfter, scheduleInterval));
    }

    @Override
    public String describe() {
        return "remove retention policy on " + relation;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
