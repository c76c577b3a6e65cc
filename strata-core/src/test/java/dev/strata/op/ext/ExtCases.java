package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.Mode;
import dev.strata.op.QualifiedName;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample op per case, built from a set of names so the same cases run with plain names (golden files
 * per case) and with hostile ones (quotes, semicolons, mixed case, unicode).
 */
final class ExtCases {
    /** The names the cases use. */
    record Names(String schema, String table, String time, String column, String other, String view, String index,
                 String function, String trigger) {
        QualifiedName t() {
            return QualifiedName.of(schema, table);
        }

        QualifiedName v() {
            return QualifiedName.of(schema, view);
        }
    }

    static final Names PLAIN = new Names("public", "financial_metrics", "metric_date", "company_id", "metric_type",
            "metrics_monthly", "idx_document_embedding", "refresh_hierarchy_mv", "entity_hierarchy_refresh");

    static final Names HOSTILE = new Names("Sch\"ema; DROP", "Tab'le;--", "Zeït \"ts\"", "Col;umn'", "ÄÖ\"x",
            "Vi\"ew'; --", "Ïdx\";", "Fn'\"; $strata$", "Trïg\"; DROP TABLE x");

    private ExtCases() {
    }

    static Map<String, ExtensionOp> cases(Names n) {
        Map<String, ExtensionOp> c = new LinkedHashMap<>();
        CreateHypertable ht = CreateHypertable.of(n.t(), n.time(), "1 week").withIfNotExists(true);
        c.put("create_hypertable", ht);
        c.put("create_hypertable_migrate_data", CreateHypertable.of(n.t(), n.time(), null).withMigrateData(true));
        c.put("create_hypertable_integer_time", CreateHypertable.of(n.t(), n.time(), "86400"));
        SetCompression compression = SetCompression.of(n.t(), List.of(n.column(), n.other()), List.of(OrderColumn.desc(n.time())));
        c.put("set_compression", compression);
        c.put("disable_compression", new DisableCompression(compression));
        c.put("set_compression_continuous_aggregate", new SetCompression(n.v(), List.of(), List.of(), true));
        c.put("add_compression_policy", new AddCompressionPolicy(n.t(), "30 days"));
        c.put("remove_compression_policy", new RemoveCompressionPolicy(n.t(), "30 days"));
        c.put("add_retention_policy", new AddRetentionPolicy(n.t(), "2 years"));
        c.put("add_retention_policy_scheduled", new AddRetentionPolicy(n.t(), "2 years", "1 day"));
        c.put("add_compression_policy_scheduled", new AddCompressionPolicy(n.t(), "30 days", "12:00:00"));
        c.put("create_hypertable_without_default_indexes", CreateHypertable.of(n.t(), n.time(), "1 week")
                .withCreateDefaultIndexes(false));
        AddReorderPolicy reorder = new AddReorderPolicy(n.t(), n.index(), "1 day");
        c.put("add_reorder_policy", reorder);
        c.put("add_reorder_policy_default_schedule", new AddReorderPolicy(n.t(), n.index(), null));
        c.put("remove_reorder_policy", new RemoveReorderPolicy(n.t(), reorder));
        c.put("add_dimension_hash", new AddDimension(n.t(), n.column(), 4, null));
        c.put("add_dimension_range", new AddDimension(n.t(), n.other(), null, "1000"));
        c.put("set_chunk_interval", new SetChunkInterval(n.t(), "1 day", "7 days"));
        c.put("remove_retention_policy", new RemoveRetentionPolicy(n.t(), "2 years"));
        String query = "SELECT " + id(n.column()) + ", time_bucket('1 month', " + id(n.time()) + ") AS month, avg(value) AS avg_value\n"
                + "FROM " + n.t().sql() + "\nGROUP BY " + id(n.column()) + ", month;";
        CreateContinuousAggregate cagg = new CreateContinuousAggregate(n.v(), query, false);
        c.put("create_continuous_aggregate", cagg);
        c.put("create_continuous_aggregate_with_data", new CreateContinuousAggregate(n.v(), query, true));
        c.put("create_continuous_aggregate_real_time", new CreateContinuousAggregate(n.v(), query, false, false));
        c.put("drop_continuous_aggregate", new DropContinuousAggregate(n.v(), cagg));
        AddRefreshPolicy policy = new AddRefreshPolicy(n.v(), "1 month", "1 hour", "1 hour");
        c.put("add_refresh_policy", policy);
        c.put("add_refresh_policy_open_window", new AddRefreshPolicy(n.v(), null, null, "1 day"));
        c.put("remove_refresh_policy", new RemoveRefreshPolicy(n.v(), policy));
        CreateVectorIndex ivf = CreateVectorIndex.ivfflat(n.index(), n.t(), n.column(), VectorOpclass.VECTOR_COSINE_OPS, 100);
        c.put("vector_index_ivfflat", ivf);
        c.put("vector_index_ivfflat_deferred", ivf.withDeferUntilRows(true));
        c.put("vector_index_ivfflat_build_settings", ivf.withBuildSettings("2GB", 4));
        c.put("vector_index_hnsw", CreateVectorIndex.hnsw(n.index(), n.t(), n.column(), VectorOpclass.VECTOR_L2_OPS)
                .withHnsw(16, 64));
        c.put("vector_index_hnsw_blocking", CreateVectorIndex.hnsw(n.index(), n.t(), n.column(), VectorOpclass.HALFVEC_IP_OPS)
                .withMode(Mode.BLOCKING).withIfNotExists(true));
        c.put("drop_vector_index", new DropVectorIndex(ivf.qualifiedName(), ivf, Mode.ONLINE));
        String mvQuery = "SELECT e.id, e." + id(n.column()) + ", nlevel(e.path) AS depth\nFROM " + n.t().sql() + " e";
        CreateMaterializedView mv = new CreateMaterializedView(n.v(), mvQuery, true);
        c.put("create_materialized_view", mv);
        c.put("create_materialized_view_no_data", new CreateMaterializedView(n.v(), mvQuery, false));
        c.put("drop_materialized_view", new DropMaterializedView(n.v(), mv));
        c.put("refresh_materialized_view", new RefreshMaterializedView(n.v(), false));
        c.put("refresh_materialized_view_concurrently", new RefreshMaterializedView(n.v(), true));
        CreateRefreshTrigger trigger = new CreateRefreshTrigger(n.t(), n.v(), QualifiedName.of(n.schema(), n.function()),
                n.trigger(), true);
        c.put("create_refresh_trigger", trigger);
        c.put("drop_refresh_trigger", new DropRefreshTrigger(trigger));
        return c;
    }

    private static String id(String name) {
        return dev.strata.sql.SqlText.ident(name);
    }
}
