package dev.strata.op;

import java.util.List;
import java.util.Objects;

/**
 * Second half of an online column rename (or the undo of {@link ExpandColumnRename}): drops the sync
 * trigger and the column {@code dropped}, keeping {@code keep}. Reverses to an expand that re-adds
 * {@code dropped} and fills it from {@code keep}.
 *
 * @param table   the table
 * @param keep    the column that stays
 * @param dropped the column that goes, with its definition
 * @param key     the columns a backfill walks on the way back
 */
public record ContractColumnRename(QualifiedName table, String keep, ColumnDef dropped, List<String> key)
        implements Op {
    public ContractColumnRename {
        Objects.requireNonNull(table, "table");
        QualifiedName.requireName(keep, "column");
        Objects.requireNonNull(dropped, "dropped");
        if (dropped.name().equals(keep)) {
            throw new IllegalArgumentException("contract of " + keep + " would drop the column it keeps");
        }
        key = List.copyOf(key);
    }

    @Override
    public Reversal reverse() {
        return key.isEmpty()
                ? Reversal.irreversible("no key was given to backfill " + dropped.name() + " by")
                : Reversal.of(new ExpandColumnRename(table, keep, dropped, key));
    }

    @Override
    public String describe() {
        return "contract rename of column " + dropped.name() + " of " + table + " to " + keep;
    }
}
