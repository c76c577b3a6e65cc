package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.QualifiedName;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Set;

/**
 * SQL for the extension ops (TimescaleDB, pgvector, materialized views), split by extension into
 * {@link TimescaleSql}, {@link VectorSql} and {@link MatviewSql}. PostGIS and ltree need no ops of their own:
 * their types go into core column definitions and their GiST indexes are core {@code CreateIndex} ops
 * ({@link Postgis}, {@link Ltree}). Same op, byte-identical statements; every identifier and literal goes
 * through {@link dev.strata.sql.SqlText}.
 */
public final class ExtensionRenderer {
    private ExtensionRenderer() {
    }

    /** The statements of one op, with no table counted as created earlier in the same list. */
    public static List<Statement> render(ExtensionOp op) {
        return render(op, Set.of());
    }

    /**
     * The statements of one op; {@code freshTables} are tables created earlier in the same rendered list
     * (a vector index on one of them is built plainly inside the transaction: nobody else can see it yet).
     */
    public static List<Statement> render(ExtensionOp op, Set<QualifiedName> freshTables) {
        if (op instanceof CreateHypertable o) {
            return TimescaleSql.createHypertable(o);
        }
        if (op instanceof SetCompression o) {
            return TimescaleSql.setCompression(o);
        }
        if (op instanceof DisableCompression o) {
            return TimescaleSql.disableCompression(o);
        }
        if (op instanceof AddCompressionPolicy o) {
            return TimescaleSql.addCompressionPolicy(o);
        }
        if (op instanceof RemoveCompressionPolicy o) {
            return TimescaleSql.removeCompressionPolicy(o);
        }
        if (op instanceof AddRetentionPolicy o) {
            return TimescaleSql.addRetentionPolicy(o);
        }
        if (op instanceof RemoveRetentionPolicy o) {
            return TimescaleSql.removeRetentionPolicy(o);
        }
        if (op instanceof AddReorderPolicy o) {
            return TimescaleSql.addReorderPolicy(o);
        }
        if (op instanceof RemoveReorderPolicy o) {
            return TimescaleSql.removeReorderPolicy(o);
        }
        if (op instanceof AddDimension o) {
            return TimescaleSql.addDimension(o);
        }
        if (op instanceof SetChunkInterval o) {
            return TimescaleSql.setChunkInterval(o);
        }
        if (op instanceof CreateContinuousAggregate o) {
            return TimescaleSql.createContinuousAggregate(o);
        }
        if (op instanceof DropContinuousAggregate o) {
            return TimescaleSql.dropContinuousAggregate(o);
        }
        if (op instanceof AddRefreshPolicy o) {
            return TimescaleSql.addRefreshPolicy(o);
        }
        if (op instanceof RemoveRefreshPolicy o) {
            return TimescaleSql.removeRefreshPolicy(o);
        }
        if (op instanceof CreateVectorIndex o) {
            return VectorSql.create(o, freshTables.contains(o.table()));
        }
        if (op instanceof DropVectorIndex o) {
            return VectorSql.drop(o);
        }
        if (op instanceof CreateMaterializedView o) {
            return MatviewSql.create(o);
        }
        if (op instanceof DropMaterializedView o) {
            return MatviewSql.drop(o);
        }
        if (op instanceof RefreshMaterializedView o) {
            return MatviewSql.refresh(o);
        }
        if (op instanceof CreateRefreshTrigger o) {
            return MatviewSql.createTrigger(o);
        }
        if (op instanceof DropRefreshTrigger o) {
            return MatviewSql.dropTrigger(o);
        }
        throw new IllegalStateException("no rendering for " + op.getClass().getName());
    }
}
