package dev.strata.op.ext;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code SELECT remove_continuous_aggregate_policy(view)}. Reverse: the removed policy.
 *
 * @param view    the continuous aggregate
 * @param removed the policy being removed (for the reverse), or null (then irreversible)
 */
public record RemoveRefreshPolicy(QualifiedName view, AddRefreshPolicy removed) implements ExtensionOp {
    public RemoveRefreshPolicy {
        Objects.requireNonNull(view, "view");
        if (removed != null && !removed.view().equals(view)) {
            throw new StrataException(ErrorCode.OP_INVALID, "remove refresh policy on " + view
                    + " holds the policy of " + removed.view() + "; pass the policy of the same view");
        }
    }

    @Override
    public Reversal reverse() {
        return removed == null
                ? Reversal.irreversible("the removed refresh policy's offsets were not given")
                : Reversal.of(removed);
    }

    @Override
    public String describe() {
        return "remove refresh policy on " + view;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
