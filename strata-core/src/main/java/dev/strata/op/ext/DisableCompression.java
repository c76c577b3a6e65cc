package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TimescaleDB {@code ALTER TABLE relation SET (timescaledb.compress = false)} (ALTER MATERIALIZED VIEW for a
 * continuous aggregate). Fails while any chunk is still compressed and while a compression policy exists:
 * remove the policy and decompress the chunks first. Reverse: the settings it turns off.
 *
 * @param settings the compression settings being turned off (so the reverse can restore them)
 */
public record DisableCompression(SetCompression settings) implements ExtensionOp {
    public DisableCompression {
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(settings);
    }

    @Override
    public String describe() {
        return "disable compression on " + settings.relation();
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
