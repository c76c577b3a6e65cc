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
 */
public record RemoveRetentionPolicy(QualifiedName relation, String dropAfter) implements ExtensionOp {
    public RemoveRetentionPolicy {
        Objects.requireNonNull(relation, "relation");
        dropAfter = Checks.interval(dropAfter, "drop_after", "remove retention policy on " + relation, true);
    }

    @Override
    public Reversal reverse() {
        return dropAfter == null
                ? Reversal.irreversible("the removed policy's drop_after interval was not given")
                : Reversal.of(new AddRetentionPolicy(relation, dropAfter));
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
