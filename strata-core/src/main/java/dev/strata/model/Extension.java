package dev.strata.model;

/**
 * An installed extension. Extension names are unique per database.
 *
 * @param name    the extension name, e.g. {@code ltree}
 * @param version the installed version, e.g. {@code 1.2}
 * @param schema  the schema its objects were created in
 */
public record Extension(String name, String version, String schema) {
    public Extension {
        name = Names.require(name, "name");
        version = Names.require(version, "version");
        schema = Names.require(schema, "schema");
    }
}
