package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code SELECT remove_compression_policy(relation)}: stops compressing new chunks (chunks already
 * compressed stay compressed). Reverse: {@link AddCompressionPolicy} with the removed interval.
 *
 * @param relation      the hypertable or continuous aggregate
 * @param compressAfter the interval of the policy being removed, or null when unknown (then irreversible)
 * @param scheduleInterval the removed policy\'s schedule (for the reverse), or null for the default
 */
public record RemoveCompressionPolicy(QualifiedName relation, String compressAfter, String scheduleInterval) implements ExtensionOp {
    public RemoveCompressionPolicy {
        Objects.requireNonNull(relation, "relation");
        compressAfter = Checks.interval(compressAfter, "compress_after", "remove compression policy on " + relation, true);
        scheduleInterval = Checks.interval(scheduleInterval, "schedule_interval", "policy on " + relation, true);
    }

    /** Whose reverse uses TimescaleDB's default schedule. */
    public RemoveCompressionPolicy(QualifiedName relation, String compressAfter) {
        this(relation, compressAfter, null);
    }

    @Override
    public Reversal reverse() {
        return compressAfter == null
                ? Reversal.irreversible("the removed policy's compress_after interval was not given")
                : Reversal.of(new AddCompressionPolicy(relation, compressAfter, scheduleInterval));
    }

    @Override
    public String describe() {
        return "remove compression policy on " + relation;
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
