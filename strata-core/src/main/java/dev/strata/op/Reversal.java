package dev.strata.op;

import java.util.List;
import java.util.Objects;

/** What undoes an op: the inverse ops, or the reason nothing can. */
public sealed interface Reversal {

    /** The ops that undo it, in the order to run them. */
    record Reversible(List<Op> ops) implements Reversal {
        public Reversible {
            ops = List.copyOf(ops);
        }
    }

    /** Nothing can undo it, because {@code reason}. */
    record Irreversible(String reason) implements Reversal {
        public Irreversible {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Reversal of(Op... ops) {
        return new Reversible(List.of(ops));
    }

    static Reversal irreversible(String reason) {
        return new Irreversible(reason);
    }

    /**
     * The reverse of a whole list of ops: each op's inverse, last op first; irreversible when any is.
     */
    static Reversal ofAll(List<Op> ops) {
        java.util.ArrayList<Op> out = new java.util.ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            Reversal r = ops.get(i).reverse();
            if (r instanceof Irreversible irr) {
                return new Irreversible(ops.get(i).describe() + ": " + irr.reason());
            }
            out.addAll(((Reversible) r).ops());
        }
        return new Reversible(out);
    }
}
