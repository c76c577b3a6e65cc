package dev.strata.op;

import dev.strata.plan.Tx;

import java.util.ArrayList;
import java.util.List;

/**
 * What a Java revision's {@code upgrade} and {@code downgrade} receive: each call records an op, in order.
 * Nothing runs while the revision's method is called; the ops are rendered and run afterwards.
 */
public class Operations {
    private final List<Op> ops = new ArrayList<>();

    /** Records an op; the typed methods all end here. */
    public Operations add(Op op) {
        ops.add(java.util.Objects.requireNonNull(op, "op"));
        return this;
    }

    /** Raw SQL with its reverse (null: irreversible), run inside the revision's transaction. */
    public Operations sql(String up, String down) {
        return add(new RawSql(up, down, Tx.IN_TRANSACTION));
    }

    /** Raw SQL that must run outside a transaction (e.g. CREATE INDEX CONCURRENTLY written by hand). */
    public Operations sqlOutsideTransaction(String up, String down) {
        return add(new RawSql(up, down, Tx.NO_TRANSACTION));
    }

    /** The ops recorded so far, in order. */
    public List<Op> ops() {
        return List.copyOf(ops);
    }
}
