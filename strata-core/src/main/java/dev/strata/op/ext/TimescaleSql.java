package dev.strata.op.ext;

import dev.strata.op.QualifiedName;
import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * SQL for the TimescaleDB ops (2.x API, the forms seed 000 Appendix C shows). Relations are passed to the
 * TimescaleDB functions as {@code regclass} text: a string literal holding the quoted, schema-qualified name
 * ({@code '"public"."metrics"'}), which PostgreSQL parses like an identifier in a statement, so any name is
 * safe. Column names passed as {@code name} arguments are literals of the bare name. The policy functions
 * only register background jobs (instant); the jobs' effects (compressing, dropping chunks) come later.
 */
final class TimescaleSql {
    private TimescaleSql() {
    }

    private static String regclass(QualifiedName name) {
        return SqlText.literal(name.sql());
    }

    /**
     * ACCESS EXCLUSIVE on the table; the time column becomes NOT NULL (validated). With migrate_data every
     * row is copied into chunks inside this transaction: a rewrite of the whole table under that lock.
     */
    static List<Statement> createHypertable(CreateHypertable op) {
        StringBuilder sql = new StringBuilder("SELECT create_hypertable(").append(regclass(op.table())).append(", ")
                .append(SqlText.literal(op.timeColumn()));
        if (op.chunkInterval() != null) {
            sql.append(", chunk_time_interval => ").append(Intervals.sql(op.chunkInterval()));
        }
        if (op.ifNotExists()) {
            sql.append(", if_not_exists => TRUE");
        }
        if (op.migrateData()) {
            sql.append(", migrate_data => TRUE");
        }
        if (!op.createDefaultIndexes()) {
            sql.append(", create_default_indexes => FALSE");
        }
        sql.append(')');
        Set<Hazard> h = EnumSet.of(Hazard.ACCESS_EXCLUSIVE_LOCK, Hazard.VALIDATES_DATA);
        if (op.migrateData()) {
            h.add(Hazard.TABLE_REWRITE);
            h.add(Hazard.FULL_SCAN);
        }
        return List.of(new Statement(sql.toString(), Tx.IN_TRANSACTION, h, op.describe(), null));
    }

    private static String alterRelation(SetCompression s) {
        return (s.continuousAggregate() ? "ALTER MATERIALIZED VIEW " : "ALTER TABLE ") + s.relation().sql();
    }

    /** ACCESS EXCLUSIVE on the hypertable, briefly: only catalog settings change. */
    static List<Statement> setCompression(SetCompression op) {
        List<String> options = new ArrayList<>();
        options.add(op.continuousAggregate() ? "timescaledb.compress = true" : "timescaledb.compress");
        if (!op.segmentBy().isEmpty()) {
            options.add("timescaledb.compress_segmentby = " + SqlText.literal(SqlText.identList(op.segmentBy())));
        }
        if (!op.orderBy().isEmpty()) {
            List<String> parts = new ArrayList<>();
            op.orderBy().forEach(o -> parts.add(SqlText.ident(o.column()) + (o.descending() ? " DESC" : " ASC")));
            options.add("timescaledb.compress_orderby = " + SqlText.literal(String.join(", ", parts)));
        }
        String sql = alterRelation(op) + " SET (" + String.join(", ", options) + ")";
        return List.of(Statement.of(sql, Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK));
    }

    /**
     * Decompresses every compressed chunk first (each rewritten in place under an exclusive lock on that chunk:
     * TABLE_REWRITE, and the data needs room uncompressed), then turns compression off. Fails while a
     * compression policy exists: remove it first ({@link RemoveCompressionPolicy}).
     */
    static List<Statement> disableCompression(DisableCompression op) {
        List<Statement> out = new ArrayList<>();
        if (!op.settings().continuousAggregate()) {
            out.add(Statement.of("SELECT decompress_chunk(c, if_compressed => TRUE) FROM show_chunks("
                    + regclass(op.settings().relation()) + ") c", Tx.IN_TRANSACTION, op.describe(),
                    Hazard.TABLE_REWRITE, Hazard.FULL_SCAN));
        }
        String sql = alterRelation(op.settings()) + " SET (timescaledb.compress = false)";
        out.add(Statement.of(sql, Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK,
                Hazard.VALIDATES_DATA));
        return out;
    }

    static List<Statement> addCompressionPolicy(AddCompressionPolicy op) {
        return call("add_compression_policy", op.relation(), Intervals.sql(op.compressAfter())
                + schedule(op.scheduleInterval()), op.describe());
    }

    private static String schedule(String interval) {
        return interval == null ? "" : ", schedule_interval => " + Intervals.sql(interval);
    }

    /** The job runs on TimescaleDB's default schedule unless one is given ({@code alter_job} on the new job). */
    static List<Statement> addReorderPolicy(AddReorderPolicy op) {
        String add = "add_reorder_policy(" + regclass(op.hypertable()) + ", " + SqlText.literal(op.index()) + ")";
        String sql = op.scheduleInterval() == null ? "SELECT " + add
                : "SELECT alter_job(" + add + ", schedule_interval => " + Intervals.sql(op.scheduleInterval()) + ")";
        return List.of(Statement.of(sql, Tx.IN_TRANSACTION, op.describe()));
    }

    static List<Statement> removeReorderPolicy(RemoveReorderPolicy op) {
        return call("remove_reorder_policy", op.hypertable(), null, op.describe());
    }

    /** Only allowed while the hypertable has no chunks (TimescaleDB checks). */
    static List<Statement> addDimension(AddDimension op) {
        String arg = op.partitions() != null ? "number_partitions => " + op.partitions()
                : "chunk_time_interval => " + Intervals.sql(op.interval());
        return call("add_dimension", op.hypertable(), SqlText.literal(op.column()) + ", " + arg, op.describe());
    }

    /** Catalog only: applies to chunks created later. */
    static List<Statement> setChunkInterval(SetChunkInterval op) {
        return call("set_chunk_time_interval", op.hypertable(), Intervals.sql(op.interval()), op.describe());
    }

    static List<Statement> removeCompressionPolicy(RemoveCompressionPolicy op) {
        return call("remove_compression_policy", op.relation(), null, op.describe());
    }

    /** Registers a job that drops whole chunks: DATA_LOSS (safety row T7). */
    static List<Statement> addRetentionPolicy(AddRetentionPolicy op) {
        String sql = "SELECT add_retention_policy(" + regclass(op.relation()) + ", " + Intervals.sql(op.dropAfter())
                + schedule(op.scheduleInterval()) + ")";
        return List.of(Statement.of(sql, Tx.IN_TRANSACTION, op.describe(), Hazard.DATA_LOSS));
    }

    static List<Statement> removeRetentionPolicy(RemoveRetentionPolicy op) {
        return call("remove_retention_policy", op.relation(), null, op.describe());
    }

    /**
     * WITH DATA materializes the whole history now and TimescaleDB refuses it inside a transaction block:
     * NO_TRANSACTION, reading the whole hypertable. WITH NO DATA is an ordinary transactional statement.
     */
    static List<Statement> createContinuousAggregate(CreateContinuousAggregate op) {
        String sql = "CREATE MATERIALIZED VIEW " + op.view().sql() + " WITH (timescaledb.continuous"
                + (op.materializedOnly() ? "" : ", timescaledb.materialized_only = false") + ") AS\n" + op.query()
                + "\nWITH " + (op.withData() ? "DATA" : "NO DATA");
        if (op.withData()) {
            return List.of(Statement.of(sql, Tx.NO_TRANSACTION, op.describe(), Hazard.NON_TRANSACTIONAL, Hazard.FULL_SCAN));
        }
        return List.of(Statement.of(sql, Tx.IN_TRANSACTION, op.describe()));
    }

    static List<Statement> dropContinuousAggregate(DropContinuousAggregate op) {
        return List.of(Statement.of("DROP MATERIALIZED VIEW IF EXISTS " + op.view().sql(), Tx.IN_TRANSACTION,
                op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK, Hazard.DATA_LOSS));
    }

    static List<Statement> addRefreshPolicy(AddRefreshPolicy op) {
        String sql = "SELECT add_continuous_aggregate_policy(" + regclass(op.view())
                + ", start_offset => " + Intervals.sql(op.startOffset())
                + ", end_offset => " + Intervals.sql(op.endOffset())
                + ", schedule_interval => " + Intervals.sql(op.scheduleInterval()) + ")";
        return List.of(Statement.of(sql, Tx.IN_TRANSACTION, op.describe()));
    }

    static List<Statement> removeRefreshPolicy(RemoveRefreshPolicy op) {
        return call("remove_continuous_aggregate_policy", op.view(), null, op.describe());
    }

    private static List<Statement> call(String function, QualifiedName relation, String argument, String source) {
        String sql = "SELECT " + function + "(" + regclass(relation) + (argument == null ? "" : ", " + argument) + ")";
        return List.of(Statement.of(sql, Tx.IN_TRANSACTION, source));
    }
}
