package dev.strata.model;

/**
 * A check constraint of a domain.
 *
 * @param name       constraint name
 * @param definition {@code CHECK (…)} as PostgreSQL prints it
 * @param validated  false when added NOT VALID and not validated since
 */
public record DomainCheck(String name, String definition, boolean validated) {
    public DomainCheck {
        name = Names.require(name, "name");
        definition = Names.require(definition, "definition");
    }
}
