package dev.strata.op.ext;

import dev.strata.op.QualifiedName;
import dev.strata.plan.Statement;
import java.util.Set;
import java.util.List;
import dev.strata.op.ExtensionOp;
import dev.strata.op.Reversal;

import java.util.Objects;

/**
 * TimescaleDB {@code SELECT set_chunk_time_interval(hypertable, interval)}: chunks created from now on cover
 * {@code interval}; existing chunks keep theirs (nothing is rewritten, so it is instant). Reverse: the
 * previous interval.
 *
 * @param hypertable the hypertable
 * @param interval   the new chunk interval ({@code 1 day}, or a whole number for integer time)
 * @param previous   the interval being replaced (for the reverse), or null (then irreversible)
 */
public record SetChunkInterval(QualifiedName hypertable, String interval, String previous) implements ExtensionOp {
    public SetChunkInterval {
        Objects.requireNonNull(hypertable, "hypertable");
        String where = "chunk interval of " + hypertable;
        interval = Checks.interval(interval, "interval", where, false);
        previous = Checks.interval(previous, "previous interval", where, true);
    }

    @Override
    public Reversal reverse() {
        return previous == null
                ? Reversal.irreversible("the previous chunk interval was not given")
                : Reversal.of(new SetChunkInterval(hypertable, previous, interval));
    }

    @Override
    public String describe() {
        return "set chunk interval of " + hypertable + " to " + interval;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
