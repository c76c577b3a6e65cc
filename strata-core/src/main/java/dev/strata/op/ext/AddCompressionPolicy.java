package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code SELECT add_compression_policy(relation, INTERVAL '30 days')}: a background job that
 * compresses chunks older than {@code compressAfter}. Needs {@link SetCompression} first. Reverse:
 * {@link RemoveCompressionPolicy}.
 *
 * @param relation      the hypertable or continuous aggregate
 * @param compressAfter age after which chunks are compressed ({@code 30 days}; a whole number for integer time)
 * @param scheduleInterval how often the job runs, or null for TimescaleDB\'s default
 */
public record AddCompressionPolicy(QualifiedName relation, String compressAfter, String scheduleInterval) implements ExtensionOp {
    public AddCompressionPolicy {
        Objects.requireNonNull(relation, "relation");
        compressAfter = Checks.interval(compressAfter, "compress_after", "compression policy on " + relation, false);
        scheduleInterval = Checks.interval(scheduleInterval, "schedule_interval", "policy on " + relation, true);
    }

    /** With TimescaleDB's default schedule. */
    public AddCompressionPolicy(QualifiedName relation, String compressAfter) {
        this(relation, compressAfter, null);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new RemoveCompressionPolicy(relation, compressAfter, scheduleInterval));
    }

    @Override
    public String describe() {
        return "add compression policy on " + relation + " after " + compressAfter;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
