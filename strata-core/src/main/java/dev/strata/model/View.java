package dev.strata.model;

import java.util.List;
import java.util.Objects;

/**
 * A view.
 *
 * @param name       the view name
 * @param definition the query as {@code pg_get_viewdef(view, true)} prints it
 * @param options    view options such as {@code security_barrier=true} or {@code check_option=local}
 * @param comment    its comment, or null
 */
public record View(ObjectName name, String definition, List<String> options, String comment) {
    public View {
        Objects.requireNonNull(name, "name");
        definition = Names.require(definition, "definition");
        options = Names.list(options);
        comment = Names.optional(comment);
    }
}
