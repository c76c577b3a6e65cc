package dev.strata.model;

import java.util.Objects;

/**
 * The name of an object that lives inside a relation and whose name is unique only there: a trigger or a
 * rule. Ordered by relation, then name.
 *
 * @param relation the table or view it belongs to
 * @param name     its name within that relation
 */
public record MemberName(ObjectName relation, String name) implements Comparable<MemberName> {

    public MemberName {
        Objects.requireNonNull(relation, "relation");
        name = Names.require(name, "name");
    }

    @Override
    public int compareTo(MemberName other) {
        // by relation, then name (written out: models keep thousands of these in sorted maps)
        int c = relation.compareTo(other.relation);
        return c != 0 ? c : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return relation + "." + name;
    }
}
