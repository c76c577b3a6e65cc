package dev.strata.model;

import java.util.Objects;

/**
 * A rewrite rule on a table or view (the {@code _RETURN} rule of a view is part of the view, not a rule here).
 *
 * @param name       its name within the relation
 * @param definition {@code CREATE RULE …} from {@code pg_get_ruledef}
 * @param comment    its comment, or null
 */
public record Rule(MemberName name, String definition, String comment) {
    public Rule {
        Objects.requireNonNull(name, "name");
        definition = Names.require(definition, "definition");
        comment = Names.optional(comment);
    }
}
