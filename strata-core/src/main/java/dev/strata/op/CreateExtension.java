package dev.strata.op;

import java.util.Objects;

/**
 * {@code CREATE EXTENSION [IF NOT EXISTS] name [SCHEMA s] [VERSION v]}. Its reverse drops the extension,
 * even when {@code IF NOT EXISTS} found it already installed: the downgrade of a revision that declares
 * an extension removes it.
 *
 * @param name        extension name ({@code postgis}, {@code vector}, {@code timescaledb})
 * @param ifNotExists {@code IF NOT EXISTS}
 * @param schema      schema for its objects, or null
 * @param version     version, or null for the default
 */
public record CreateExtension(String name, boolean ifNotExists, String schema, String version) implements Op {
    public CreateExtension {
        QualifiedName.requireName(name, "extension name");
        if (schema != null) {
            QualifiedName.requireName(schema, "schema");
        }
        if (version != null) {
            QualifiedName.requireName(version, "version");
        }
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropExtension(name, this));
    }

    @Override
    public String describe() {
        return "create extension " + name;
    }
}
