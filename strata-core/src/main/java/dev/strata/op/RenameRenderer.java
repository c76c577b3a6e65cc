package dev.strata.op;

import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.List;

/**
 * The online column rename, across two revisions. Expand (one transaction, then the backfill):
 * {@code ADD COLUMN new} (ACCESS EXCLUSIVE, instant), a trigger function and a {@code BEFORE INSERT OR
 * UPDATE} trigger (SHARE ROW EXCLUSIVE, brief) that copies whichever of the two columns a write changed
 * into the other, a batched backfill, and the {@link NotNullSteps} if the new column is NOT NULL.
 * Contract (one transaction, ACCESS EXCLUSIVE, instant): refuse if indexes, constraints or views
 * still depend on the old column (they would silently go with it), then drop the trigger, the function
 * and the old column. Defaults, indexes and constraints on the old column are not carried over: add them to the new
 * column between the two revisions.
 */
final class RenameRenderer {
    private RenameRenderer() {
    }

    /** The sync function of a column pair, the same whichever way round the pair is named. */
    static QualifiedName syncFunction(QualifiedName table, String a, String b) {
        return a.compareTo(b) <= 0
                ? table.sibling(Names.derived("strata_sync", table.name(), a, b))
                : table.sibling(Names.derived("strata_sync", table.name(), b, a));
    }

    static List<Statement> expand(ExpandColumnRename op) {
        QualifiedName t = op.table();
        String src = op.describe();
        String from = SqlText.ident(op.from());
        String to = SqlText.ident(op.to().name());
        QualifiedName fn = syncFunction(t, op.from(), op.to().name());
        String body = "\nBEGIN\n"
                + "    IF TG_OP = 'INSERT' THEN\n"
                + "        IF NEW." + to + " IS NULL THEN\n"
                + "            NEW." + to + " := NEW." + from + ";\n"
                + "        ELSIF NEW." + from + " IS NULL THEN\n"
                + "            NEW." + from + " := NEW." + to + ";\n"
                + "        END IF;\n"
                + "    ELSIF NEW." + from + " IS DISTINCT FROM OLD." + from + " THEN\n"
                + "        NEW." + to + " := NEW." + from + ";\n"
                + "    ELSIF NEW." + to + " IS DISTINCT FROM OLD." + to + " THEN\n"
                + "        NEW." + from + " := NEW." + to + ";\n"
                + "    END IF;\n"
                + "    RETURN NEW;\n"
                + "END\n";
        List<Statement> out = new ArrayList<>();
        out.add(Statement.of("ALTER TABLE " + t.sql() + " ADD COLUMN " + to + " " + op.to().type(),
                Tx.IN_TRANSACTION, src, Hazard.ACCESS_EXCLUSIVE_LOCK));
        out.add(Statement.of("CREATE FUNCTION " + fn.sql() + "() RETURNS trigger LANGUAGE plpgsql AS "
                + SqlText.dollarQuoted(body), Tx.IN_TRANSACTION, src));
        out.add(TypeChange.createTrigger(t, fn, src));
        out.add(ColumnRenderer.backfill(t, op.key(), to, from, to + " IS NULL AND " + from + " IS NOT NULL",
                dev.strata.plan.Backfill.Strategy.IN_PLACE, src));
        if (!op.to().nullable()) {
            out.addAll(NotNullSteps.all(t, op.to().name(), src));
        }
        return out;
    }

    static List<Statement> contract(ContractColumnRename op) {
        QualifiedName t = op.table();
        String src = op.describe();
        List<Statement> out = new ArrayList<>();
        out.add(Statement.of(TypeChange.guard(t, op.dropped().name()), Tx.IN_TRANSACTION, src));
        out.addAll(TypeChange.dropTrigger(t, syncFunction(t, op.keep(), op.dropped().name()), src));
        out.add(Statement.of("ALTER TABLE " + t.sql() + " DROP COLUMN " + SqlText.ident(op.dropped().name()),
                Tx.IN_TRANSACTION, src, Hazard.ACCESS_EXCLUSIVE_LOCK, Hazard.BREAKS_CLIENTS));
        return out;
    }
}
