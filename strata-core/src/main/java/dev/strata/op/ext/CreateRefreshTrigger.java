package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Seed 001's trigger strategy for keeping a materialized view fresh: a plpgsql function that refreshes the
 * view and returns NULL, and an {@code AFTER INSERT OR UPDATE OR DELETE ... FOR EACH STATEMENT} trigger on a
 * source table that calls it. Every writing statement on the source then pays for a full refresh in its own
 * transaction (and concurrent writers queue behind the refresh lock): right for small, rarely written
 * sources such as a hierarchy; for busy sources, refresh on a schedule ({@link RefreshMaterializedView}).
 * CREATE TRIGGER takes SHARE ROW EXCLUSIVE on the source (writes wait, briefly). Reverse:
 * {@link DropRefreshTrigger}.
 *
 * @param source       the table whose writes trigger the refresh
 * @param view         the materialized view to refresh
 * @param function     the trigger function to create
 * @param trigger      the trigger name (on {@code source})
 * @param concurrently refresh CONCURRENTLY (needs the view's unique index; readers are not blocked)
 */
public record CreateRefreshTrigger(QualifiedName source, QualifiedName view, QualifiedName function, String trigger,
                                   boolean concurrently) implements ExtensionOp {
    public CreateRefreshTrigger {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(function, "function");
        Checks.name(trigger, "trigger name", "refresh trigger for " + view);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropRefreshTrigger(this));
    }

    @Override
    public String describe() {
        return "refresh " + view + " after each write statement on " + source;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
