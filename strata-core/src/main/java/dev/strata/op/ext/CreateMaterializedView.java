package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code CREATE MATERIALIZED VIEW view AS query WITH [NO] DATA}. With data, the query runs once now (reading
 * its sources under ACCESS SHARE: writers are not blocked). A view created WITH NO DATA cannot be read, nor
 * refreshed CONCURRENTLY, until a first plain {@link RefreshMaterializedView}. Reverse:
 * {@link DropMaterializedView}.
 *
 * @param view     the materialized view
 * @param query    the SELECT as SQL text
 * @param withData populate now
 */
public record CreateMaterializedView(QualifiedName view, String query, boolean withData) implements ExtensionOp {
    public CreateMaterializedView {
        Objects.requireNonNull(view, "view");
        query = Checks.sqlText(query, "query", "materialized view " + view);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropMaterializedView(view, this));
    }

    @Override
    public String describe() {
        return "create materialized view " + view;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
