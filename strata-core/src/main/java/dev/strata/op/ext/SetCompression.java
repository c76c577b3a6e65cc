package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code ALTER TABLE relation SET (timescaledb.compress, timescaledb.compress_segmentby = '...',
 * timescaledb.compress_orderby = '...')}, or {@code ALTER MATERIALIZED VIEW} for a continuous aggregate.
 * Takes ACCESS EXCLUSIVE on the hypertable (briefly). Reverse: {@link DisableCompression}.
 *
 * @param relation            the hypertable (or continuous aggregate)
 * @param segmentBy           columns whose equal values are stored together; may be empty
 * @param orderBy             order inside a compressed segment; may be empty (TimescaleDB's default: time DESC)
 * @param continuousAggregate {@code relation} is a continuous aggregate (ALTER MATERIALIZED VIEW)
 */
public record SetCompression(QualifiedName relation, List<String> segmentBy, List<OrderColumn> orderBy,
                             boolean continuousAggregate) implements ExtensionOp {
    public SetCompression {
        Objects.requireNonNull(relation, "relation");
        segmentBy = Checks.names(segmentBy == null ? List.of() : segmentBy, "segment-by column", "compression on " + relation);
        orderBy = List.copyOf(orderBy == null ? List.of() : orderBy);
    }

    /** Compression on a hypertable. */
    public static SetCompression of(QualifiedName hypertable, List<String> segmentBy, List<OrderColumn> orderBy) {
        return new SetCompression(hypertable, segmentBy, orderBy, false);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DisableCompression(this));
    }

    @Override
    public String describe() {
        return "enable compression on " + relation;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
