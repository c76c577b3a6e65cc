package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code CREATE MATERIALIZED VIEW view WITH (timescaledb.continuous) AS query WITH [NO] DATA}.
 * With data, TimescaleDB materializes the whole history at once and refuses to run inside a transaction
 * block, so the statement is NO_TRANSACTION; with no data it is an ordinary transactional statement and an
 * {@link AddRefreshPolicy} (or a manual {@code refresh_continuous_aggregate}) fills it later.
 * Reverse: {@link DropContinuousAggregate}.
 *
 * @param view     the continuous aggregate
 * @param query    the SELECT with {@code time_bucket(...)} and GROUP BY, as SQL text
 * @param withData materialize now (true) or leave it empty ({@code WITH NO DATA})
 * @param materializedOnly {@code timescaledb.materialized_only}: queries read only materialized rows (TimescaleDB's
 *                 default since 2.13); false adds the newest raw rows to every query (real-time aggregation)
 */
public record CreateContinuousAggregate(QualifiedName view, String query, boolean withData, boolean materializedOnly)
        implements ExtensionOp {
    public CreateContinuousAggregate {
        Objects.requireNonNull(view, "view");
        query = Checks.sqlText(query, "query", "continuous aggregate " + view);
    }

    /** Materialized only, TimescaleDB's default. */
    public CreateContinuousAggregate(QualifiedName view, String query, boolean withData) {
        this(view, query, withData, true);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropContinuousAggregate(view, this));
    }

    @Override
    public String describe() {
        return "create continuous aggregate " + view;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
