package dev.strata.op;

import java.util.Objects;

/**
 * {@code DROP SEQUENCE}. The reverse recreates it from its definition; the current value is not restored.
 *
 * @param sequence   the sequence
 * @param definition the sequence as created, or null = irreversible
 */
public record DropSequence(QualifiedName sequence, CreateSequence definition) implements Op {
    public DropSequence {
        Objects.requireNonNull(sequence, "sequence");
        if (definition != null && !definition.sequence().equals(sequence)) {
            throw new IllegalArgumentException("drop sequence " + sequence + " holds the definition of " + definition.sequence());
        }
    }

    @Override
    public Reversal reverse() {
        return definition == null
                ? Reversal.irreversible("the dropped sequence's definition was not given")
                : Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "drop sequence " + sequence;
    }
}
