package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code DROP MATERIALIZED VIEW IF EXISTS view}: ACCESS EXCLUSIVE on the view; its indexes go with it. No
 * CASCADE: a dependent view or a refresh trigger's function must be dropped first, or the drop fails.
 *
 * @param view       the materialized view
 * @param definition how it was created (for the reverse), or null (then irreversible)
 */
public record DropMaterializedView(QualifiedName view, CreateMaterializedView definition) implements ExtensionOp {
    public DropMaterializedView {
        Objects.requireNonNull(view, "view");
        if (definition != null && !definition.view().equals(view)) {
            throw Checks.invalid("drop materialized view " + view + " holds the definition of " + definition.view()
                    + "; pass the definition of the dropped view");
        }
    }

    @Override
    public Reversal reverse() {
        return definition == null
                ? Reversal.irreversible("the dropped materialized view's definition was not given")
                : Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "drop materialized view " + view;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
