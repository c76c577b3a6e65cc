package dev.strata.op;

import java.util.Objects;

/**
 * {@code DROP INDEX [CONCURRENTLY] IF EXISTS}. Rendering and locks: {@link IndexRenderer}.
 *
 * @param index      the schema-qualified index
 * @param definition the index as it was, so the drop can be reversed; null = irreversible
 * @param mode       online ({@code CONCURRENTLY}, the default) or blocking
 */
public record DropIndex(QualifiedName index, CreateIndex definition, Mode mode) implements Op {
    public DropIndex {
        Objects.requireNonNull(index, "index");
        if (definition != null && !definition.qualifiedName().equals(index)) {
            throw new IllegalArgumentException("drop index " + index + " holds the definition of " + definition.qualifiedName());
        }
        mode = mode == null ? Mode.ONLINE : mode;
    }

    @Override
    public Reversal reverse() {
        return definition == null
                ? Reversal.irreversible("the dropped index's definition was not given")
                : Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "drop index " + index;
    }
}
