package dev.strata.op;

import dev.strata.plan.Tx;

import java.util.Objects;

/**
 * SQL the vocabulary does not model, with its declared reverse.
 *
 * @param up   the SQL to run (one statement)
 * @param down the SQL that undoes it, or null when it cannot be undone
 * @param tx   how it must run (NO_TRANSACTION for statements PostgreSQL refuses inside a transaction)
 */
public record RawSql(String up, String down, Tx tx) implements Op {
    public RawSql {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(tx, "tx");
        if (tx == Tx.BATCHED) {
            throw new IllegalArgumentException("raw SQL is not a backfill");
        }
    }

    @Override
    public Reversal reverse() {
        return down == null
                ? Reversal.irreversible("raw SQL declared no reverse")
                : Reversal.of(new RawSql(down, up, tx));
    }

    @Override
    public String describe() {
        String first = up.strip().lines().findFirst().orElse("");
        return "sql: " + (first.length() > 60 ? first.substring(0, 57) + "..." : first);
    }
}
