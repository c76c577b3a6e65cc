package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code SELECT add_continuous_aggregate_policy(view, start_offset => ..., end_offset => ...,
 * schedule_interval => ...)}: a background job that refreshes the window {@code [now - startOffset, now -
 * endOffset)} every {@code scheduleInterval}. Reverse: {@link RemoveRefreshPolicy}.
 *
 * @param view             the continuous aggregate
 * @param startOffset      window start, back from now ({@code 1 month}), or null for the beginning of the data
 * @param endOffset        window end, back from now ({@code 1 hour}), or null for the newest data
 * @param scheduleInterval how often the job runs ({@code 1 hour})
 */
public record AddRefreshPolicy(QualifiedName view, String startOffset, String endOffset, String scheduleInterval)
        implements ExtensionOp {
    public AddRefreshPolicy {
        Objects.requireNonNull(view, "view");
        String where = "refresh policy on " + view;
        startOffset = Checks.interval(startOffset, "start_offset", where, true);
        endOffset = Checks.interval(endOffset, "end_offset", where, true);
        scheduleInterval = Checks.interval(scheduleInterval, "schedule_interval", where, false);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new RemoveRefreshPolicy(view, this));
    }

    @Override
    public String describe() {
        return "add refresh policy on " + view + " every " + scheduleInterval;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
