package dev.strata.model;

import java.util.List;
import java.util.Objects;

/**
 * A materialized view. Its indexes are in {@link SchemaModel#indexes()} with this view as their table
 * ({@link SchemaModel#indexesOn(ObjectName)}).
 *
 * @param name       the view name
 * @param definition the query as {@code pg_get_viewdef(view, true)} prints it
 * @param populated  false when created WITH NO DATA and not refreshed since
 * @param options    storage parameters
 * @param comment    its comment, or null
 */
public record MaterializedView(ObjectName name, String definition, boolean populated, List<String> options,
                               String comment) {
    public MaterializedView {
        Objects.requireNonNull(name, "name");
        definition = Names.require(definition, "definition");
        options = Names.list(options);
        comment = Names.optional(comment);
    }
}
