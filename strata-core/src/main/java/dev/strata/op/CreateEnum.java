package dev.strata.op;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * {@code CREATE TYPE name AS ENUM (values)}: catalog only, no table lock.
 *
 * @param type   the type
 * @param values labels in order, distinct (may be empty)
 */
public record CreateEnum(QualifiedName type, List<String> values) implements Op {
    public CreateEnum {
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("enum " + type + " repeats a label");
        }
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropEnum(type, this));
    }

    @Override
    public String describe() {
        return "create enum " + type;
    }
}
