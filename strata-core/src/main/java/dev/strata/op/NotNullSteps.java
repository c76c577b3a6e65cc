package dev.strata.op;

import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.List;

/**
 * The online way to make a column of a populated table NOT NULL (PostgreSQL 12+):
 * <ol>
 *   <li>{@code ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID}: ACCESS EXCLUSIVE, instant (no scan);</li>
 *   <li>{@code VALIDATE CONSTRAINT c} in its own transaction: SHARE UPDATE EXCLUSIVE, scans the table
 *       while reads and writes go on; fails if a NULL remains;</li>
 *   <li>{@code ALTER COLUMN col SET NOT NULL}: ACCESS EXCLUSIVE, instant, because PostgreSQL sees the
 *       valid check and skips its own scan;</li>
 *   <li>{@code DROP CONSTRAINT c}: the check is now redundant. A separate statement: within one
 *       ALTER TABLE, drops run before SET NOT NULL, which would then scan.</li>
 * </ol>
 */
final class NotNullSteps {
    private NotNullSteps() {
    }

    static String checkName(QualifiedName table, String column) {
        return Names.derived(table.name(), column, "not_null");
    }

    /** Steps 1 and 2. */
    static List<Statement> addAndValidate(QualifiedName table, String column, String source) {
        String check = SqlText.ident(checkName(table, column));
        return List.of(
                Statement.of("ALTER TABLE " + table.sql() + " ADD CONSTRAINT " + check + " CHECK ("
                        + SqlText.ident(column) + " IS NOT NULL) NOT VALID", Tx.IN_TRANSACTION, source,
                        Hazard.ACCESS_EXCLUSIVE_LOCK),
                Statement.of("ALTER TABLE " + table.sql() + " VALIDATE CONSTRAINT " + check, Tx.OWN_TRANSACTION,
                        source, Hazard.VALIDATES_DATA));
    }

    /** Steps 3 and 4, for the column now named {@code column}; the check keeps the name it was given for {@code checkedAs}. */
    static List<Statement> setNotNull(QualifiedName table, String column, String checkedAs, String source) {
        return List.of(
                Statement.of("ALTER TABLE " + table.sql() + " ALTER COLUMN " + SqlText.ident(column) + " SET NOT NULL",
                        Tx.IN_TRANSACTION, source, Hazard.ACCESS_EXCLUSIVE_LOCK),
                Statement.of("ALTER TABLE " + table.sql() + " DROP CONSTRAINT "
                        + SqlText.ident(checkName(table, checkedAs)), Tx.IN_TRANSACTION, source,
                        Hazard.ACCESS_EXCLUSIVE_LOCK));
    }

    static List<Statement> all(QualifiedName table, String column, String source) {
        List<Statement> out = new java.util.ArrayList<>(addAndValidate(table, column, source));
        out.addAll(setNotNull(table, column, column, source));
        return out;
    }
}
