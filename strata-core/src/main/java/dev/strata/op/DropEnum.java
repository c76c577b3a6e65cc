package dev.strata.op;

import java.util.Objects;

/**
 * {@code DROP TYPE}: fails while any column still uses it.
 *
 * @param type       the type
 * @param definition the enum as it was, so the drop can be reversed; null = irreversible
 */
public record DropEnum(QualifiedName type, CreateEnum definition) implements Op {
    public DropEnum {
        Objects.requireNonNull(type, "type");
        if (definition != null && !definition.type().equals(type)) {
            throw new IllegalArgumentException("drop enum " + type + " holds the definition of " + definition.type());
        }
    }

    @Override
    public Reversal reverse() {
        return definition == null
                ? Reversal.irreversible("the dropped enum's definition was not given")
                : Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "drop enum " + type;
    }
}
