package dev.strata.op;

import java.util.Objects;

/**
 * {@code DROP VIEW}: fails while other views depend on it (no CASCADE).
 *
 * @param view       the view
 * @param definition the view as created, or null = irreversible
 */
public record DropView(QualifiedName view, CreateView definition) implements Op {
    public DropView {
        Objects.requireNonNull(view, "view");
        if (definition != null && (!definition.view().equals(view) || definition.previousQuery() != null)) {
            throw new IllegalArgumentException("drop view " + view + " must hold the plain definition of that view");
        }
    }

    @Override
    public Reversal reverse() {
        return definition == null
                ? Reversal.irreversible("the dropped view's definition was not given")
                : Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "drop view " + view;
    }
}
