package dev.strata.op;

import dev.strata.plan.Backfill.Strategy;

import java.util.List;
import java.util.Objects;

/**
 * Changes a column's type, nullability and/or default: whatever differs between {@code from} and
 * {@code to} (same name; identity and generated columns are not altered by this op). How each change is
 * rendered, online and blocking, is documented in {@link ColumnRenderer}.
 *
 * @param table        the table
 * @param from         the column as it is
 * @param to           the column as it becomes
 * @param using        {@code USING} expression for the type change (SQL text referring to the column), or null
 * @param reverseUsing {@code USING} expression for the way back, or null
 * @param key          the columns a backfill walks when the type change needs expand/contract; may be empty otherwise
 * @param mode         online (default) or blocking
 * @param strategy     how an expand/contract backfill is made (in place, copy-and-swap, or chosen at run time)
 */
public record AlterColumn(QualifiedName table, ColumnDef from, ColumnDef to, String using, String reverseUsing,
                          List<String> key, Mode mode, Strategy strategy) implements Op {
    /** With the backfill strategy chosen at run time ({@link Strategy#AUTO}). */
    public AlterColumn(QualifiedName table, ColumnDef from, ColumnDef to, String using, String reverseUsing,
                       List<String> key, Mode mode) {
        this(table, from, to, using, reverseUsing, key, mode, Strategy.AUTO);
    }

    public AlterColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.name().equals(to.name())) {
            throw new IllegalArgumentException("alter column changes the name " + from.name() + "; use a rename");
        }
        if (!Objects.equals(from.identity(), to.identity()) || !Objects.equals(from.generated(), to.generated())) {
            throw new IllegalArgumentException("alter column " + from.name() + " cannot change identity or generation");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("alter column " + from.name() + " of " + table + " changes nothing");
        }
        key = key == null ? List.of() : List.copyOf(key);
        mode = mode == null ? Mode.ONLINE : mode;
        strategy = strategy == null ? Strategy.AUTO : strategy;
    }

    public String column() {
        return from.name();
    }

    public boolean changesType() {
        return !from.type().equals(to.type());
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new AlterColumn(table, to, from, reverseUsing, using, key, mode, strategy));
    }

    @Override
    public String describe() {
        return "alter column " + from.name() + " of " + table;
    }
}
