package dev.strata.op.ext;

import dev.strata.op.QualifiedName;
import dev.strata.plan.Statement;
import java.util.Set;
import java.util.List;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.op.ExtensionOp;
import dev.strata.op.Reversal;

import java.util.Objects;

/**
 * TimescaleDB {@code SELECT remove_reorder_policy(hypertable)}. Reverse: the removed policy.
 *
 * @param hypertable the hypertable
 * @param removed    the policy being removed (for the reverse), or null (then irreversible)
 */
public record RemoveReorderPolicy(QualifiedName hypertable, AddReorderPolicy removed) implements ExtensionOp {
    public RemoveReorderPolicy {
        Objects.requireNonNull(hypertable, "hypertable");
        if (removed != null && !removed.hypertable().equals(hypertable)) {
            throw new StrataException(ErrorCode.OP_INVALID, "remove reorder policy on " + hypertable
                    + " holds the policy of " + removed.hypertable() + "; pass the policy of the same hypertable");
        }
    }

    @Override
    public Reversal reverse() {
        return removed == null
                ? Reversal.irreversible("the removed reorder policy's index was not given")
                : Reversal.of(removed);
    }

    @Override
    public String describe() {
        return "remove reorder policy on " + hypertable;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
