package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.Mode;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code DROP INDEX [CONCURRENTLY] IF EXISTS} for a pgvector index. Online (the default) it waits for
 * running queries instead of blocking them and runs outside a transaction. IF EXISTS: a deferred IVFFlat
 * build may never have happened.
 *
 * @param index      the schema-qualified index
 * @param definition the index as created (for the reverse), or null (then irreversible)
 * @param mode       online (CONCURRENTLY) or blocking
 */
public record DropVectorIndex(QualifiedName index, CreateVectorIndex definition, Mode mode) implements ExtensionOp {
    public DropVectorIndex {
        Objects.requireNonNull(index, "index");
        if (definition != null && !definition.qualifiedName().equals(index)) {
            throw Checks.invalid("drop vector index " + index + " holds the definition of "
                    + definition.qualifiedName() + "; pass the definition of the dropped index");
        }
        mode = mode == null ? Mode.ONLINE : mode;
    }

    @Override
    public Reversal reverse() {
        return definition == null
                ? Reversal.irreversible("the dropped vector index's definition was not given")
                : Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "drop vector index " + index;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
