package dev.strata.op;

import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * SQL for table constraints. Online (the default), on a table not created in the same list:
 * <ul>
 *   <li>check: {@code ADD CONSTRAINT ... CHECK (...) NOT VALID} (ACCESS EXCLUSIVE, instant, checks new
 *       rows only), then {@code VALIDATE CONSTRAINT} in its own transaction (SHARE UPDATE EXCLUSIVE:
 *       scans while reads and writes go on);</li>
 *   <li>foreign key: {@code ADD ... FOREIGN KEY ... NOT VALID} (SHARE ROW EXCLUSIVE on both tables,
 *       instant), then {@code VALIDATE} in its own transaction (SHARE UPDATE EXCLUSIVE on the table, ROW
 *       SHARE on the referenced one);</li>
 *   <li>unique / primary key: {@code CREATE UNIQUE INDEX CONCURRENTLY} named like the constraint
 *       (NO_TRANSACTION), then {@code ADD CONSTRAINT ... UNIQUE|PRIMARY KEY USING INDEX} (ACCESS
 *       EXCLUSIVE, instant; a primary key on nullable columns also scans for NULLs, so make them NOT
 *       NULL first).</li>
 * </ul>
 * Blocking: one plain {@code ADD CONSTRAINT} that scans (and for unique/primary key builds the index)
 * under its lock.
 */
final class ConstraintRenderer {
    private ConstraintRenderer() {
    }

    static List<Statement> add(AddConstraint op, boolean fresh) {
        ConstraintDef def = op.constraint();
        String prefix = "ALTER TABLE " + op.table().sql() + " ADD ";
        if (fresh) {
            return List.of(Statement.of(prefix + SqlParts.constraint(def), Tx.IN_TRANSACTION, op.describe()));
        }
        boolean fk = def instanceof ForeignKeyConstraint;
        boolean withIndex = def instanceof UniqueConstraint || def instanceof PrimaryKeyConstraint;
        if (op.mode() == Mode.BLOCKING) {
            Set<Hazard> h = EnumSet.of(fk ? Hazard.BLOCKS_WRITES : Hazard.ACCESS_EXCLUSIVE_LOCK, Hazard.FULL_SCAN,
                    Hazard.VALIDATES_DATA);
            if (withIndex) {
                h.add(Hazard.INDEX_BUILD);
            }
            return List.of(new Statement(prefix + SqlParts.constraint(def), Tx.IN_TRANSACTION, h, op.describe(), null));
        }
        if (withIndex) {
            List<String> columns = def instanceof UniqueConstraint u ? u.columns() : ((PrimaryKeyConstraint) def).columns();
            boolean nnd = def instanceof UniqueConstraint u && u.nullsNotDistinct();
            String index = "CREATE UNIQUE INDEX CONCURRENTLY " + SqlText.ident(def.name()) + " ON " + op.table().sql()
                    + " (" + SqlText.identList(columns) + ")" + (nnd ? " NULLS NOT DISTINCT" : "");
            String attach = prefix + "CONSTRAINT " + SqlText.ident(def.name())
                    + (def instanceof UniqueConstraint ? " UNIQUE" : " PRIMARY KEY") + " USING INDEX " + SqlText.ident(def.name());
            return List.of(
                    Statement.of(index, Tx.NO_TRANSACTION, op.describe(), Hazard.INDEX_BUILD, Hazard.NON_TRANSACTIONAL,
                            Hazard.VALIDATES_DATA),
                    Statement.of(attach, Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        return List.of(
                Statement.of(prefix + SqlParts.constraint(def) + " NOT VALID", Tx.IN_TRANSACTION, op.describe(),
                        fk ? Hazard.BLOCKS_WRITES : Hazard.ACCESS_EXCLUSIVE_LOCK),
                validate(op.table(), def.name(), op.describe()));
    }

    /** {@code DROP CONSTRAINT}: ACCESS EXCLUSIVE, instant (a foreign key also locks the referenced table). */
    static List<Statement> drop(DropConstraint op) {
        return List.of(Statement.of("ALTER TABLE " + op.table().sql() + " DROP CONSTRAINT " + SqlText.ident(op.name()),
                Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK));
    }

    /** {@code VALIDATE CONSTRAINT} in its own transaction: SHARE UPDATE EXCLUSIVE, scans the table. */
    static List<Statement> validate(ValidateConstraint op) {
        return List.of(validate(op.table(), op.name(), op.describe()));
    }

    private static Statement validate(QualifiedName table, String name, String source) {
        return Statement.of("ALTER TABLE " + table.sql() + " VALIDATE CONSTRAINT " + SqlText.ident(name),
                Tx.OWN_TRANSACTION, source, Hazard.VALIDATES_DATA);
    }
}
