package dev.strata.model;

import java.util.Objects;

/**
 * A user trigger on a table or view (internal triggers of foreign keys and triggers cloned onto partitions
 * are not modelled).
 *
 * @param name       its name within the relation
 * @param definition {@code CREATE TRIGGER …} from {@code pg_get_triggerdef}
 * @param enabled    {@code pg_trigger.tgenabled}: O (origin/local), D (disabled), R (replica), A (always)
 * @param comment    its comment, or null
 */
public record Trigger(MemberName name, String definition, char enabled, String comment) {
    public Trigger {
        Objects.requireNonNull(name, "name");
        definition = Names.require(definition, "definition");
        if ("ODRA".indexOf(enabled) < 0) {
            throw new IllegalArgumentException("trigger " + name + ": enabled must be one of O, D, R, A");
        }
        comment = Names.optional(comment);
    }
}
