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
 * {@code DROP MATERIALIZED VIEW IF EXISTS view} for a continuous aggregate, with its policies. Its
 * materialized rows go with it: when a retention policy has already dropped the raw chunks, they cannot be
 * recomputed, hence {@link dev.strata.plan.Hazard#DATA_LOSS}.
 *
 * @param view       the continuous aggregate
 * @param definition how it was created (for the reverse), or null (then irreversible)
 */
public record DropContinuousAggregate(QualifiedName view, CreateContinuousAggregate definition) implements ExtensionOp {
    public DropContinuousAggregate {
        Objects.requireNonNull(view, "view");
        if (definition != null && !definition.view().equals(view)) {
            throw new StrataException(ErrorCode.OP_INVALID, "drop continuous aggregate " + view
                    + " holds the definition of " + definition.view() + "; pass the definition of the dropped view");
        }
    }

    @Override
    public Reversal reverse() {
        return definition == null
                ? Reversal.irreversible("the dropped continuous aggregate's definition was not given")
                : Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "drop continuous aggregate " + view;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
