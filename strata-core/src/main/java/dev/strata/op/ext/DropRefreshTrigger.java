package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Drops what {@link CreateRefreshTrigger} made: {@code DROP TRIGGER IF EXISTS} (ACCESS EXCLUSIVE on the
 * source table, briefly) then {@code DROP FUNCTION IF EXISTS}. Reverse: the trigger it drops.
 *
 * @param definition the trigger strategy being removed
 */
public record DropRefreshTrigger(CreateRefreshTrigger definition) implements ExtensionOp {
    public DropRefreshTrigger {
        Objects.requireNonNull(definition, "definition");
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "stop refreshing " + definition.view() + " on writes to " + definition.source();
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
