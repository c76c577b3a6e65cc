package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code SELECT create_hypertable(table, time_column, chunk_time_interval => ..., if_not_exists
 * => ..., migrate_data => ...)}: turns a plain table into a hypertable partitioned on {@code timeColumn}.
 * Without {@code migrateData} it fails on a table that has rows; with it every row is copied into chunks
 * inside the calling transaction (long, under a strong lock: create an empty hypertable and copy in
 * batches instead when the table is big). It also makes the time column NOT NULL.
 *
 * <p>Irreversible: a hypertable cannot be turned back into a plain table in place.
 *
 * @param table         the table to convert
 * @param timeColumn    the time (or integer) partitioning column
 * @param chunkInterval chunk width ({@code 1 week}, or a whole number for integer time), or null for
 *                      TimescaleDB's default (7 days)
 * @param ifNotExists   do nothing (with a notice) when it already is a hypertable
 * @param migrateData   copy existing rows into chunks
 * @param createDefaultIndexes let TimescaleDB make its default index on the time column (its default: true)
 */
public record CreateHypertable(QualifiedName table, String timeColumn, String chunkInterval, boolean ifNotExists,
                               boolean migrateData, boolean createDefaultIndexes) implements ExtensionOp {
    public CreateHypertable {
        Objects.requireNonNull(table, "table");
        String where = "create_hypertable on " + table;
        Checks.name(timeColumn, "time column", where);
        chunkInterval = Checks.interval(chunkInterval, "chunk interval", where, true);
    }

    /** With TimescaleDB's default index on the time column. */
    public CreateHypertable(QualifiedName table, String timeColumn, String chunkInterval, boolean ifNotExists,
                            boolean migrateData) {
        this(table, timeColumn, chunkInterval, ifNotExists, migrateData, true);
    }

    /** An empty-table conversion with the given chunk interval, as in seed 000 Appendix C. */
    public static CreateHypertable of(QualifiedName table, String timeColumn, String chunkInterval) {
        return new CreateHypertable(table, timeColumn, chunkInterval, false, false);
    }

    public CreateHypertable withIfNotExists(boolean value) {
        return new CreateHypertable(table, timeColumn, chunkInterval, value, migrateData, createDefaultIndexes);
    }

    public CreateHypertable withMigrateData(boolean value) {
        return new CreateHypertable(table, timeColumn, chunkInterval, ifNotExists, value, createDefaultIndexes);
    }

    public CreateHypertable withCreateDefaultIndexes(boolean value) {
        return new CreateHypertable(table, timeColumn, chunkInterval, ifNotExists, migrateData, value);
    }

    @Override
    public Reversal reverse() {
        return Reversal.irreversible("a hypertable cannot be turned back into a plain table in place;"
                + " to undo, create a plain table, copy the rows out and swap names in a new revision");
    }

    @Override
    public String describe() {
        return "create hypertable " + table + " on " + timeColumn;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
