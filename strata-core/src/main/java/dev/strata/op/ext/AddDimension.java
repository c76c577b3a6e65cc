package dev.strata.op.ext;

import dev.strata.op.QualifiedName;
import dev.strata.plan.Statement;
import java.util.Set;
import java.util.List;
import dev.strata.op.ExtensionOp;
import dev.strata.op.Reversal;

import java.util.Objects;

/**
 * TimescaleDB {@code SELECT add_dimension(hypertable, column, number_partitions => n)} (a hash, "space"
 * dimension) or {@code chunk_time_interval => interval} (a further range dimension). Catalog only: chunks
 * that exist keep their partitioning, chunks created later are split by the new dimension too.
 *
 * <p>Irreversible: TimescaleDB cannot remove a dimension.
 *
 * @param hypertable the hypertable
 * @param column     the partitioning column
 * @param partitions hash partitions, or null for a range dimension
 * @param interval   a range dimension's interval, or null for a hash dimension
 */
public record AddDimension(QualifiedName hypertable, String column, Integer partitions, String interval)
        implements ExtensionOp {
    public AddDimension {
        Objects.requireNonNull(hypertable, "hypertable");
        String where = "dimension on " + hypertable;
        Checks.name(column, "column", where);
        interval = Checks.interval(interval, "interval", where, true);
        if ((partitions == null) == (interval == null)) {
            throw Checks.invalid(where + ": give either the number of hash partitions or a range interval");
        }
        if (partitions != null && partitions < 1) {
            throw Checks.invalid(where + ": number of partitions " + partitions + " must be at least 1");
        }
    }

    @Override
    public Reversal reverse() {
        return Reversal.irreversible("TimescaleDB cannot remove a dimension from a hypertable;"
                + " to undo, create a new hypertable without it and copy the rows over in a new revision");
    }

    @Override
    public String describe() {
        return "add dimension " + column + " to " + hypertable;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
