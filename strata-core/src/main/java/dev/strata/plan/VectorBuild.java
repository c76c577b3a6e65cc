package dev.strata.plan;

import java.util.List;
import java.util.Objects;

/**
 * A pgvector index build the runner defers until its table has enough rows (IVFFlat computes its list
 * centres from the rows present at build time: built on too few, the lists are poor and recall stays poor).
 * The runner counts at most {@code minRows} rows; below that it reports the build as deferred and goes on,
 * and a later {@code upgrade} builds it (online, CONCURRENTLY) once the table has them.
 *
 * @param index    the schema-qualified index name, as SQL
 * @param table    the schema-qualified table, as SQL
 * @param minRows  rows the table needs before the build runs
 * @param build    the statements that build it online: session settings, {@code CREATE INDEX CONCURRENTLY
 *                 IF NOT EXISTS} (on a hypertable {@code WITH (timescaledb.transaction_per_chunk)}), settings reset
 *                 (each outside a transaction)
 * @param definition the {@code CREATE INDEX} as a SQL revision writes it under {@code -- strata:defer-until-rows}
 *                 (plain; on a hypertable with the per-chunk option)
 */
public record VectorBuild(String index, String table, long minRows, List<String> build, String definition) {
    public VectorBuild {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(definition, "definition");
        build = List.copyOf(build);
        if (minRows < 1 || build.isEmpty()) {
            throw new IllegalArgumentException("a deferred build needs a row threshold and its statements");
        }
    }
}
