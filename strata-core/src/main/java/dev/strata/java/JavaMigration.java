package dev.strata.java;

import dev.strata.op.Op;
import dev.strata.op.Operations;
import dev.strata.op.Reversal;

/**
 * A Java revision's body. {@link #upgrade} records ops on the {@link Operations} it receives; nothing runs
 * while it is called: the ops are rendered to SQL and run afterwards, by {@code strata upgrade}. It must
 * record the same ops every time it is called (the checksum is taken over what they render).
 *
 * <p>A class that does not override {@link #downgrade} gets a derived one: the reverse of each upgrade op,
 * last op first. When an op cannot be reversed, the revision is irreversible and {@code strata downgrade}
 * refuses it, naming the op and why.
 */
public interface JavaMigration {
    void upgrade(Operations op);

    /**
     * SQL statements that check the upgrade took effect as intended, run after it (inside its transaction when the
     * revision is transactional): the revision fails when one raises an error or returns a row whose first column
     * is a boolean false or NULL, e.g. {@code SELECT count(*) = 0 FROM signals WHERE status IS NULL}. What they
     * change is never kept. The default has none. Part of the checksum, like the upgrade.
     */
    default java.util.List<String> verify() {
        return java.util.List.of();
    }

    /**
     * Records the ops that undo {@link #upgrade}. The default records the derived reverse; the loader does not
     * call it, it derives the same reverse itself (so that an irreversible op makes the revision irreversible
     * instead of failing).
     *
     * @throws IllegalStateException when an upgrade op cannot be reversed
     */
    default void downgrade(Operations op) {
        Operations up = new Operations();
        upgrade(up);
        Reversal reversal = Reversal.ofAll(up.ops());
        if (reversal instanceof Reversal.Irreversible irreversible) {
            throw new IllegalStateException("irreversible: " + irreversible.reason());
        }
        for (Op o : ((Reversal.Reversible) reversal).ops()) {
            op.add(o);
        }
    }
}
