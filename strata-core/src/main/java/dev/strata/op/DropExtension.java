package dev.strata.op;

/**
 * {@code DROP EXTENSION IF EXISTS name} (no CASCADE: fails while objects such as columns use its types).
 *
 * @param name       extension name
 * @param definition how it was created, or null = irreversible
 */
public record DropExtension(String name, CreateExtension definition) implements Op {
    public DropExtension {
        QualifiedName.requireName(name, "extension name");
        if (definition != null && !definition.name().equals(name)) {
            throw new IllegalArgumentException("drop extension " + name + " holds the definition of " + definition.name());
        }
    }

    @Override
    public Reversal reverse() {
        return definition == null
                ? Reversal.irreversible("the dropped extension's definition was not given")
                : Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "drop extension " + name;
    }
}
