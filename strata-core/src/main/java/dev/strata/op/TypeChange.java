package dev.strata.op;

import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column type changes: which ones PostgreSQL makes without rewriting the table, and the expand/contract
 * recipe for the others.
 */
final class TypeChange {
    private static final Pattern TYPE = Pattern.compile("([a-z ]+?)\\s*(?:\\((\\d+)\\s*(?:,\\s*(\\d+))?\\))?");

    private TypeChange() {
    }

    /**
     * True when PostgreSQL changes {@code from} to {@code to} without a rewrite (postgres-safety row 11):
     * varchar(n) to varchar(m &ge; n), unbounded varchar or text; varchar and text either way;
     * numeric(p,s) to numeric(q &ge; p, s) or unconstrained numeric; cidr to inet; varbit(n) to a longer
     * or unbounded varbit; time/timestamp/timestamptz/interval to a higher precision. Anything else
     * (including timestamp to timestamptz, which depends on the session time zone) counts as a rewrite.
     */
    static boolean isBinaryCompatible(String from, String to) {
        Parsed a = parse(from);
        Parsed b = parse(to);
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        boolean aChars = a.base.equals("varchar") || a.base.equals("text");
        if (aChars && b.base.equals("text")) {
            return true;
        }
        if (aChars && b.base.equals("varchar")) {
            return b.p == null || (a.base.equals("varchar") && a.p != null && b.p >= a.p);
        }
        if (a.base.equals("numeric") && b.base.equals("numeric")) {
            int as = a.s == null ? 0 : a.s;
            int bs = b.s == null ? 0 : b.s;
            return b.p == null || (a.p != null && b.p >= a.p && bs == as);
        }
        if (a.base.equals("cidr") && b.base.equals("inet") && b.p == null) {
            return true;
        }
        if (a.base.equals(b.base) && List.of("varbit", "time", "timestamp", "timestamptz", "interval").contains(a.base)) {
            return b.p == null || (a.p != null && b.p >= a.p);
        }
        return false;
    }

    private record Parsed(String base, Integer p, Integer s) {
    }

    private static Parsed parse(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher m = TYPE.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String base = switch (m.group(1).strip()) {
            case "character varying", "varchar" -> "varchar";
            case "numeric", "decimal" -> "numeric";
            case "bit varying", "varbit" -> "varbit";
            case "time", "time without time zone" -> "time";
            case "timestamp", "timestamp without time zone" -> "timestamp";
            case "timestamptz", "timestamp with time zone" -> "timestamptz";
            default -> m.group(1).strip();
        };
        Integer p = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer s = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        return new Parsed(base, p, s);
    }

    /**
     * Expand/contract for a type change that would rewrite the table:
     * <ol>
     *   <li>guard: refuse if indexes, constraints, views, sequences or statistics depend on the column
     *       (they would be dropped with it; recreate them by hand, or change the type in blocking mode);</li>
     *   <li>{@code ADD COLUMN tmp newtype} (ACCESS EXCLUSIVE, instant), a trigger function and a
     *       {@code BEFORE INSERT OR UPDATE [OF col]} trigger (SHARE ROW EXCLUSIVE, brief; {@code OF col}
     *       when there is no {@code USING}, whose expression may read other columns) keeping
     *       {@code tmp = conversion(col)} for every write, all in one transaction;</li>
     *   <li>a batched backfill of the existing rows;</li>
     *   <li>if the column ends NOT NULL: the check added NOT VALID and validated in its own transaction;</li>
     *   <li>the swap, one short transaction under ACCESS EXCLUSIVE: drop trigger and function, guard
     *       again, drop the old column, rename tmp to the old name, set the default and NOT NULL;</li>
     *   <li>{@code ANALYZE} of the column (statistics start empty) in its own transaction.</li>
     * </ol>
     * The column moves to the end of the table's column order; {@code SELECT *} users see that.
     */
    static List<Statement> expandContract(AlterColumn op) {
        QualifiedName t = op.table();
        String src = op.describe();
        String column = op.column();
        String tmpName = Names.derived(column, "strata_new");
        String col = SqlText.ident(column);
        String tmp = SqlText.ident(tmpName);
        QualifiedName fn = t.sibling(Names.derived("strata_sync", t.name(), column));
        String conversion = op.using() == null ? col + "::" + op.to().type() : "(" + op.using() + ")";
        String triggerConversion = op.using() == null
                ? "NEW." + tmp + " := NEW." + col + "::" + op.to().type() + ";"
                : "SELECT " + conversion + " INTO NEW." + tmp + " FROM (SELECT NEW.*) AS strata_row;";
        List<Statement> out = new ArrayList<>();
        Statement guard = Statement.of(guard(t, column, op.from().nullable()), Tx.IN_TRANSACTION, src);
        out.add(guard);
        out.add(Statement.of("ALTER TABLE " + t.sql() + " ADD COLUMN " + tmp + " " + op.to().type(),
                Tx.IN_TRANSACTION, src, Hazard.ACCESS_EXCLUSIVE_LOCK));
        out.add(Statement.of("CREATE FUNCTION " + fn.sql() + "() RETURNS trigger LANGUAGE plpgsql AS "
                + SqlText.dollarQuoted("\nBEGIN\n    " + triggerConversion + "\n    RETURN NEW;\nEND\n"),
                Tx.IN_TRANSACTION, src));
        // without USING the new value depends on the column alone: updates that leave it out keep tmp right,
        // and the backfill's own updates (which set only tmp) do not run the function for every row
        out.add(op.using() == null ? createTrigger(t, fn, column, src) : createTrigger(t, fn, src));
        out.add(ColumnRenderer.backfill(t, op.key(), tmp, conversion, tmp + " IS NULL AND " + col + " IS NOT NULL",
                op.strategy(), src));
        if (!op.to().nullable()) {
            out.addAll(NotNullSteps.addAndValidate(t, tmpName, src));
        }
        // the trigger goes first: a trigger with a column list depends on the column, which the guard would refuse
        out.addAll(dropTrigger(t, fn, src));
        out.add(guard);
        out.add(Statement.of("ALTER TABLE " + t.sql() + " DROP COLUMN " + col, Tx.IN_TRANSACTION, src,
                Hazard.ACCESS_EXCLUSIVE_LOCK));
        out.add(Statement.of("ALTER TABLE " + t.sql() + " RENAME COLUMN " + tmp + " TO " + col, Tx.IN_TRANSACTION, src,
                Hazard.ACCESS_EXCLUSIVE_LOCK));
        if (op.to().defaultValue() != null) {
            out.add(Statement.of("ALTER TABLE " + t.sql() + " ALTER COLUMN " + col + " SET DEFAULT " + op.to().defaultValue(),
                    Tx.IN_TRANSACTION, src, Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        if (!op.to().nullable()) {
            out.addAll(NotNullSteps.setNotNull(t, column, tmpName, src));
        }
        out.add(Statement.of("ANALYZE " + t.sql() + " (" + col + ")", Tx.OWN_TRANSACTION, src));
        return out;
    }

    /**
     * A DO block that raises if anything but the column's own default depends on the column (per
     * pg_depend: indexes, constraints, foreign keys pointing at it, views, owned sequences, statistics).
     */
    static String guard(QualifiedName table, String column) {
        return guard(table, column, null);
    }

    /**
     * {@link #guard(QualifiedName, String)}, and when {@code nullable} is not null also raises if the
     * column's NOT NULL in the catalog differs from it: the new column gets the nullability the op states,
     * so a NOT NULL column described as nullable would otherwise silently lose its constraint.
     */
    static String guard(QualifiedName table, String column, Boolean nullable) {
        String rel = SqlText.literal(table.sql()) + "::regclass";
        String body = "\nBEGIN\n"
                + "    IF EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attribute a\n"
                + "               ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid\n"
                + "               WHERE d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = " + rel + "\n"
                + "                 AND a.attname = " + SqlText.literal(column) + "\n"
                + "                 AND d.classid <> 'pg_catalog.pg_attrdef'::regclass AND d.deptype IN ('n', 'a', 'i')) THEN\n"
                + "        RAISE EXCEPTION 'column % of % has dependent indexes, constraints, views or sequences; drop and recreate them around this change, or change the type in blocking mode', "
                + SqlText.literal(column) + ", " + SqlText.literal(table.toString()) + ";\n"
                + "    END IF;\n";
        if (nullable != null) {
            String problem = nullable
                    ? "is NOT NULL but the type change describes it as nullable; add notNull() (or dropNotNull())"
                    : "is nullable but the type change describes it as NOT NULL; remove notNull() (or use setNotNull())";
            body += "    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = " + rel
                    + " AND a.attname = " + SqlText.literal(column) + " AND a.attnotnull = " + nullable + ") THEN\n"
                    + "        RAISE EXCEPTION 'column % of % " + problem
                    + " so that the new column keeps the right nullability', "
                    + SqlText.literal(column) + ", " + SqlText.literal(table.toString()) + ";\n"
                    + "    END IF;\n";
        }
        return "DO " + SqlText.dollarQuoted(body + "END\n");
    }

    /** The sync trigger, fired on INSERT and on UPDATEs that name {@code column}. */
    static Statement createTrigger(QualifiedName table, QualifiedName fn, String column, String src) {
        return Statement.of("CREATE TRIGGER " + SqlText.ident(fn.name()) + " BEFORE INSERT OR UPDATE OF "
                + SqlText.ident(column) + " ON " + table.sql() + " FOR EACH ROW EXECUTE FUNCTION " + fn.sql() + "()",
                Tx.IN_TRANSACTION, src, Hazard.BLOCKS_WRITES);
    }

    /** The sync trigger, fired on every INSERT and UPDATE. */
    static Statement createTrigger(QualifiedName table, QualifiedName fn, String src) {
        return Statement.of("CREATE TRIGGER " + SqlText.ident(fn.name()) + " BEFORE INSERT OR UPDATE ON " + table.sql()
                + " FOR EACH ROW EXECUTE FUNCTION " + fn.sql() + "()", Tx.IN_TRANSACTION, src, Hazard.BLOCKS_WRITES);
    }

    static List<Statement> dropTrigger(QualifiedName table, QualifiedName fn, String src) {
        return List.of(
                Statement.of("DROP TRIGGER IF EXISTS " + SqlText.ident(fn.name()) + " ON " + table.sql(),
                        Tx.IN_TRANSACTION, src, Hazard.ACCESS_EXCLUSIVE_LOCK),
                Statement.of("DROP FUNCTION IF EXISTS " + fn.sql() + "()", Tx.IN_TRANSACTION, src));
    }
}
