package dev.strata.op;

import java.util.Objects;

/**
 * {@code CONSTRAINT name CHECK (expression)}.
 *
 * @param name       constraint name
 * @param expression the boolean expression as SQL text, without the surrounding parentheses
 */
public record CheckConstraint(String name, String expression) implements ConstraintDef {
    public CheckConstraint {
        QualifiedName.requireName(name, "constraint name");
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("check " + name + " has a blank expression");
        }
    }

    @Override
    public String kind() {
        return "check";
    }
}
