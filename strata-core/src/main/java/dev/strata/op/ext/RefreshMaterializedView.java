package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] view}: the op to put in a revision that refreshes on a
 * schedule or after a data load (seed 001's "scheduled" strategy), or to call from application code.
 *
 * <p>Plain: ACCESS EXCLUSIVE on the view for the whole query, so readers wait. CONCURRENTLY: EXCLUSIVE (readers
 * go on, other refreshes wait), computes the new contents and applies only the differences; it needs a
 * UNIQUE index on the view that uses plain column names only and has no WHERE clause (see
 * {@link MaterializedViews#uniqueIndex}), and the view must already be populated (not WITH NO DATA). Strata
 * cannot check either without the catalog; PostgreSQL refuses the statement when they do not hold. Unlike
 * {@code CREATE INDEX CONCURRENTLY}, a concurrent refresh may run inside a transaction block.
 *
 * <p>Reverse: nothing to undo (it changes no schema and the previous contents were stale).
 *
 * @param view         the materialized view
 * @param concurrently {@code CONCURRENTLY}
 */
public record RefreshMaterializedView(QualifiedName view, boolean concurrently) implements ExtensionOp {
    public RefreshMaterializedView {
        Objects.requireNonNull(view, "view");
    }

    @Override
    public Reversal reverse() {
        return Reversal.of();
    }

    @Override
    public String describe() {
        return "refresh materialized view " + view + (concurrently ? " concurrently" : "");
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
