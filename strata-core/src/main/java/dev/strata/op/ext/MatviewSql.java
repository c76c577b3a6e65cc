package dev.strata.op.ext;

import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.List;

/**
 * SQL for materialized views and their refresh strategies. Refreshes run in a transaction of their own so
 * the lock they take on the view is released as soon as they finish, not at the end of the revision.
 */
final class MatviewSql {
    private MatviewSql() {
    }

    /** Reads the sources under ACCESS SHARE: writers are not blocked. */
    static List<Statement> create(CreateMaterializedView op) {
        String sql = "CREATE MATERIALIZED VIEW " + op.view().sql() + " AS\n" + op.query()
                + "\nWITH " + (op.withData() ? "DATA" : "NO DATA");
        return List.of(Statement.of(sql, Tx.IN_TRANSACTION, op.describe()));
    }

    static List<Statement> drop(DropMaterializedView op) {
        return List.of(Statement.of("DROP MATERIALIZED VIEW IF EXISTS " + op.view().sql(), Tx.IN_TRANSACTION,
                op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK));
    }

    /**
     * Plain: ACCESS EXCLUSIVE on the view while the query runs (readers wait). CONCURRENTLY: EXCLUSIVE
     * (readers go on); fails without a suitable unique index or on a view never populated (VALIDATES_DATA).
     */
    static List<Statement> refresh(RefreshMaterializedView op) {
        String sql = "REFRESH MATERIALIZED VIEW " + (op.concurrently() ? "CONCURRENTLY " : "") + op.view().sql();
        Hazard hazard = op.concurrently() ? Hazard.VALIDATES_DATA : Hazard.ACCESS_EXCLUSIVE_LOCK;
        return List.of(Statement.of(sql, Tx.OWN_TRANSACTION, op.describe(), hazard));
    }

    /**
     * The function is SECURITY DEFINER with a fixed search_path: refreshing needs ownership of the view, and
     * the roles writing the source table usually do not own it; every name in the body is schema-qualified.
     * Plain CREATE (not OR REPLACE), so an existing function of that name is never overwritten silently.
     * CREATE TRIGGER takes SHARE ROW EXCLUSIVE on the source table (BLOCKS_WRITES, briefly).
     */
    static List<Statement> createTrigger(CreateRefreshTrigger op) {
        String body = "\nBEGIN\n"
                + "    REFRESH MATERIALIZED VIEW " + (op.concurrently() ? "CONCURRENTLY " : "") + op.view().sql() + ";\n"
                + "    RETURN NULL;\n"
                + "END\n";
        String function = "CREATE FUNCTION " + op.function().sql() + "() RETURNS trigger LANGUAGE plpgsql"
                + " SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS " + SqlText.dollarQuoted(body);
        String trigger = "CREATE TRIGGER " + SqlText.ident(op.trigger()) + " AFTER INSERT OR UPDATE OR DELETE ON "
                + op.source().sql() + " FOR EACH STATEMENT EXECUTE FUNCTION " + op.function().sql() + "()";
        return List.of(Statement.of(function, Tx.IN_TRANSACTION, op.describe()),
                Statement.of(trigger, Tx.IN_TRANSACTION, op.describe(), Hazard.BLOCKS_WRITES));
    }

    /** DROP TRIGGER takes ACCESS EXCLUSIVE on the source table, briefly. */
    static List<Statement> dropTrigger(DropRefreshTrigger op) {
        CreateRefreshTrigger d = op.definition();
        return List.of(
                Statement.of("DROP TRIGGER IF EXISTS " + SqlText.ident(d.trigger()) + " ON " + d.source().sql(),
                        Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK),
                Statement.of("DROP FUNCTION IF EXISTS " + d.function().sql() + "()", Tx.IN_TRANSACTION, op.describe()));
    }
}
