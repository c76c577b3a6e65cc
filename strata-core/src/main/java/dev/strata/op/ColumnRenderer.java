package dev.strata.op;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.plan.Backfill;
import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** SQL for adding, dropping, renaming and altering columns. */
final class ColumnRenderer {
    private ColumnRenderer() {
    }

    /**
     * {@code ADD COLUMN}. Every form takes ACCESS EXCLUSIVE on the table; online the lock is held only for
     * catalog changes:
     * <ul>
     *   <li>nullable, or with a constant/STABLE default (PostgreSQL 11+ fast default, even NOT NULL): one
     *       plain {@code ADD COLUMN}, instant;</li>
     *   <li>volatile default ({@link Volatility}): {@code ADD COLUMN} without default, {@code SET DEFAULT}
     *       (new rows only), a batched backfill of the existing rows, then if NOT NULL the
     *       {@link NotNullSteps};</li>
     *   <li>NOT NULL without a default on an existing table is refused (it fails on any non-empty table);</li>
     *   <li>identity and stored generated columns have no online form: plain, TABLE_REWRITE.</li>
     * </ul>
     * Blocking (or a table created in the same list): one plain {@code ADD COLUMN}.
     */
    static List<Statement> add(AddColumn op, boolean fresh) {
        ColumnDef c = op.column();
        QualifiedName t = op.table();
        String plain = "ALTER TABLE " + t.sql() + " ADD COLUMN " + SqlParts.column(c);
        boolean rewrites = c.identity() != null || c.generated() != null
                || (c.defaultValue() != null && Volatility.isVolatile(c.defaultValue()));
        if (fresh) {
            return List.of(Statement.of(plain, Tx.IN_TRANSACTION, op.describe()));
        }
        if (op.mode() == Mode.BLOCKING || c.identity() != null || c.generated() != null) {
            Set<Hazard> h = EnumSet.of(Hazard.ACCESS_EXCLUSIVE_LOCK);
            if (rewrites) {
                h.add(Hazard.TABLE_REWRITE);
            }
            if (!c.nullable() && c.defaultValue() == null && c.identity() == null && c.generated() == null) {
                h.add(Hazard.VALIDATES_DATA);
            }
            return List.of(new Statement(plain, Tx.IN_TRANSACTION, h, op.describe(), null));
        }
        if (!rewrites) {
            if (!c.nullable() && c.defaultValue() == null) {
                throw new StrataException(ErrorCode.OP_INVALID, op.describe()
                        + ": a NOT NULL column without a default fails on a populated table; give it a default,"
                        + " or add it nullable, backfill it and then make it NOT NULL (use blocking mode if the table is empty)");
            }
            return List.of(Statement.of(plain, Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        requireKey(op.key(), op.describe());
        List<Statement> out = new ArrayList<>();
        String col = SqlText.ident(c.name());
        out.add(Statement.of("ALTER TABLE " + t.sql() + " ADD COLUMN " + col + " " + c.type(),
                Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK));
        out.add(Statement.of("ALTER TABLE " + t.sql() + " ALTER COLUMN " + col + " SET DEFAULT " + c.defaultValue(),
                Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK));
        out.add(backfill(t, op.key(), col, c.defaultValue(), col + " IS NULL", op.strategy(), op.describe()));
        if (!c.nullable()) {
            out.addAll(NotNullSteps.all(t, c.name(), op.describe()));
        }
        return out;
    }

    /** {@code DROP COLUMN}: ACCESS EXCLUSIVE, instant (catalog only); its data is gone. */
    static List<Statement> drop(DropColumn op) {
        return List.of(Statement.of("ALTER TABLE " + op.table().sql() + " DROP COLUMN " + SqlText.ident(op.column()),
                Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK, Hazard.DATA_LOSS, Hazard.BREAKS_CLIENTS));
    }

    /** {@code RENAME COLUMN}: ACCESS EXCLUSIVE, instant; clients using the old name break. */
    static List<Statement> rename(RenameColumn op) {
        return List.of(Statement.of("ALTER TABLE " + op.table().sql() + " RENAME COLUMN " + SqlText.ident(op.column())
                        + " TO " + SqlText.ident(op.newName()), Tx.IN_TRANSACTION, op.describe(),
                Hazard.ACCESS_EXCLUSIVE_LOCK, Hazard.BREAKS_CLIENTS));
    }

    /**
     * Type, nullability and default changes. Blocking (or a fresh table): one {@code ALTER TABLE} with
     * every action, ACCESS EXCLUSIVE for as long as a rewrite or a NOT NULL scan takes. Online:
     * <ul>
     *   <li>type change PostgreSQL does without a rewrite ({@link TypeChange#isBinaryCompatible}): plain
     *       {@code ALTER COLUMN ... TYPE}, ACCESS EXCLUSIVE, brief;</li>
     *   <li>any other type change: expand/contract ({@link TypeChange#expandContract}), which also applies
     *       the new nullability and default;</li>
     *   <li>{@code SET/DROP DEFAULT}: ACCESS EXCLUSIVE, instant, future rows only;</li>
     *   <li>{@code DROP NOT NULL}: ACCESS EXCLUSIVE, instant; {@code SET NOT NULL}: the {@link NotNullSteps}.</li>
     * </ul>
     */
    static List<Statement> alter(AlterColumn op, boolean fresh) {
        ColumnDef from = op.from();
        ColumnDef to = op.to();
        String prefix = "ALTER TABLE " + op.table().sql() + " ";
        String col = "ALTER COLUMN " + SqlText.ident(op.column());
        boolean rewrite = op.changesType() && (op.using() != null || !TypeChange.isBinaryCompatible(from.type(), to.type()));
        if (fresh || op.mode() == Mode.BLOCKING) {
            List<String> actions = new ArrayList<>();
            Set<Hazard> h = EnumSet.of(Hazard.ACCESS_EXCLUSIVE_LOCK);
            if (op.changesType()) {
                actions.add(col + " TYPE " + to.type() + (op.using() == null ? "" : " USING " + op.using()));
                if (rewrite) {
                    h.add(Hazard.TABLE_REWRITE);
                }
            }
            if (from.nullable() != to.nullable()) {
                actions.add(col + (to.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
                if (!to.nullable()) {
                    h.add(Hazard.FULL_SCAN);
                    h.add(Hazard.VALIDATES_DATA);
                }
            }
            if (!Objects.equals(from.defaultValue(), to.defaultValue())) {
                actions.add(col + (to.defaultValue() == null ? " DROP DEFAULT" : " SET DEFAULT " + to.defaultValue()));
            }
            return List.of(new Statement(prefix + String.join(", ", actions), Tx.IN_TRANSACTION,
                    fresh ? Set.of() : h, op.describe(), null));
        }
        if (rewrite) {
            requireKey(op.key(), op.describe());
            return TypeChange.expandContract(op);
        }
        List<Statement> out = new ArrayList<>();
        if (op.changesType()) {
            out.add(Statement.of(prefix + col + " TYPE " + to.type(), Tx.IN_TRANSACTION, op.describe(),
                    Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        if (!Objects.equals(from.defaultValue(), to.defaultValue())) {
            out.add(Statement.of(prefix + col + (to.defaultValue() == null ? " DROP DEFAULT" : " SET DEFAULT " + to.defaultValue()),
                    Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        if (from.nullable() && !to.nullable()) {
            out.addAll(NotNullSteps.all(op.table(), op.column(), op.describe()));
        } else if (!from.nullable() && to.nullable()) {
            out.add(Statement.of(prefix + col + " DROP NOT NULL", Tx.IN_TRANSACTION, op.describe(),
                    Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        return out;
    }

    /**
     * The backfill {@code column = expression WHERE pending} of every row of the table ({@code column} quoted): in
     * place, or as a copy-and-swap of the table, as {@code strategy} says (see {@link Backfill.Strategy}).
     */
    static Statement backfill(QualifiedName table, List<String> key, String column, String expression, String pending,
                              Backfill.Strategy strategy, String source) {
        return Statement.backfill(new Backfill(table.sql(), key.stream().map(SqlText::ident).toList(),
                column + " = " + expression, pending, BackfillRows.DEFAULT_BATCH, Duration.ZERO,
                java.util.Map.of(column, expression), strategy), source);
    }

    static void requireKey(List<String> key, String source) {
        if (key.isEmpty()) {
            throw new StrataException(ErrorCode.OP_INVALID, source
                    + ": the online form backfills in batches and needs the table's key columns; pass them (key(...)) or use blocking mode");
        }
    }
}
