package dev.strata.engine.schema;

import dev.strata.postgres.PgConnections;
import dev.strata.postgres.PgUrl;

import java.sql.Connection;
import java.util.Objects;

/**
 * One scratch database made by {@link Scratch}: empty when created, dropped when the scratch closes.
 *
 * @param name its database name ({@code strata_scratch_} and random hex)
 * @param url  how to connect to it (may hold the dev server's password: never print it unredacted)
 */
public record ScratchDb(String name, PgUrl url) {
    public ScratchDb {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }

    /** A new autocommit connection; the caller closes it. */
    public Connection connect() {
        return PgConnections.open(url, "strata-scratch");
    }
}
