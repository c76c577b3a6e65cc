package dev.strata.op;

import java.util.Objects;

/**
 * {@code CREATE [OR REPLACE] VIEW name AS query}: ACCESS EXCLUSIVE on the view only, instant.
 *
 * @param view          the view
 * @param query         the SELECT as SQL text
 * @param orReplace     {@code OR REPLACE}
 * @param previousQuery the query it replaces (reverse restores it), or null when the view is new (reverse drops it)
 */
public record CreateView(QualifiedName view, String query, boolean orReplace, String previousQuery) implements Op {
    public CreateView {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(query, "query");
        if (query.isBlank()) {
            throw new IllegalArgumentException("view " + view + " has a blank query");
        }
        if (previousQuery != null && !orReplace) {
            throw new IllegalArgumentException("view " + view + " replaces a previous query but is not OR REPLACE");
        }
    }

    @Override
    public Reversal reverse() {
        return previousQuery == null
                ? Reversal.of(new DropView(view, this))
                : Reversal.of(new CreateView(view, previousQuery, true, query));
    }

    @Override
    public String describe() {
        return "create view " + view;
    }
}
