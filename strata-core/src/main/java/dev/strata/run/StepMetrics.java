package dev.strata.run;

import java.util.List;
import java.util.Objects;

/**
 * What one step measured while it ran (seed 000 §7.1): stored as the {@code details} of its history row, sent as
 * {@link RunEvent.StepMeasured}, exported to Prometheus and OpenTelemetry by the engine.
 *
 * @param revision     the revision id
 * @param direction    {@code upgrade} or {@code downgrade}
 * @param status       {@code ok}, {@code failed} or {@code partial} (as the history row)
 * @param durationMs   wall time of the step, retries and verification included
 * @param rowsAffected the sum of the JDBC update counts of its statements (rows inserted, updated, deleted; also
 *                     rows written by {@code CREATE TABLE AS} and {@code COPY}), backfilled rows included
 * @param lockWaitMs   time lost to locks: every attempt that ended in {@code lock_timeout} (SQLSTATE 55P03) plus
 *                     the pauses before its retries
 * @param lockRetries  how many times a statement was retried after a lock timeout
 * @param relations    sizes of the tables and indexes its statements name, before and after
 * @param indexBuilds  each {@code CREATE INDEX} statement and how long it took
 * @param backfills    each batched backfill: rows and time
 * @param verify       the outcome of its verification statements, or null when it has none (or they did not run)
 */
public record StepMetrics(String revision, String direction, String status, long durationMs, long rowsAffected,
                          long lockWaitMs, int lockRetries, List<RelationSize> relations, List<IndexBuild> indexBuilds,
                          List<Backfill> backfills, Verify verify) {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public StepMetrics {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        relations = List.copyOf(relations);
        indexBuilds = List.copyOf(indexBuilds);
        backfills = List.copyOf(backfills);
    }

    /**
     * The on-disk size of a table or index ({@code pg_total_relation_size} for a table, {@code pg_relation_size}
     * for an index), in bytes; null when it did not exist at that moment (created or dropped by the step).
     */
    public record RelationSize(String relation, String kind, Long bytesBefore, Long bytesAfter) {
    }

    /** One index build: the index as written in the statement, and how long the statement took. */
    public record IndexBuild(String index, long millis) {
    }

    /** One batched backfill: the table, the rows it changed, and how long it took. */
    public record Backfill(String table, long rows, long millis) {
        /** Rows per second, 0 when nothing was measured. */
        public long rowsPerSecond() {
            return millis <= 0 ? rows : Math.round(rows * 1000.0 / millis);
        }
    }

    /** How a step's verification went: how many statements it has, whether they all passed, the failure if not. */
    public record Verify(int statements, boolean passed, String failure) {
    }

    /** The rows backfilled by all its backfills. */
    public long backfillRows() {
        return backfills.stream().mapToLong(Backfill::rows).sum();
    }

    /** The time its index builds took together. */
    public long indexBuildMs() {
        return indexBuilds.stream().mapToLong(IndexBuild::millis).sum();
    }

    /**
     * The JSON stored in the history table's {@code details} column (snake_case keys, as the --json documents):
     * compact, and escaped as Jackson writes it. Written by hand: it is made for every step, and a JSON generator
     * cost more to set up than the few fields cost to write.
     */
    public String toJson() {
        StringBuilder j = new StringBuilder(128);
        j.append("{\"duration_ms\":").append(durationMs)
                .append(",\"rows_affected\":").append(rowsAffected)
                .append(",\"lock_wait_ms\":").append(lockWaitMs)
                .append(",\"lock_retries\":").append(lockRetries)
                .append(",\"relations\":[");
        for (int i = 0; i < relations.size(); i++) {
            RelationSize r = relations.get(i);
            j.append(i == 0 ? "{" : ",{").append("\"relation\":");
            string(j, r.relation());
            j.append(",\"kind\":");
            string(j, r.kind());
            j.append(",\"bytes_before\":").append(r.bytesBefore())
                    .append(",\"bytes_after\":").append(r.bytesAfter()).append('}');
        }
        j.append("],\"index_builds\":[");
        for (int i = 0; i < indexBuilds.size(); i++) {
            IndexBuild b = indexBuilds.get(i);
            j.append(i == 0 ? "{" : ",{").append("\"index\":");
            string(j, b.index());
            j.append(",\"ms\":").append(b.millis()).append('}');
        }
        j.append("],\"backfills\":[");
        for (int i = 0; i < backfills.size(); i++) {
            Backfill b = backfills.get(i);
            j.append(i == 0 ? "{" : ",{").append("\"table\":");
            string(j, b.table());
            j.append(",\"rows\":").append(b.rows()).append(",\"ms\":").append(b.millis())
                    .append(",\"rows_per_second\":").append(b.rowsPerSecond()).append('}');
        }
        j.append(']');
        if (verify != null) {
            j.append(",\"verify\":{\"statements\":").append(verify.statements())
                    .append(",\"passed\":").append(verify.passed());
            if (verify.failure() != null) {
                j.append(",\"failure\":");
                string(j, verify.failure());
            }
            j.append('}');
        }
        return j.append('}').toString();
    }

    /** A JSON string (null: {@code null}): quote, backslash and control characters escaped, the rest as is. */
    private static void string(StringBuilder j, String s) {
        if (s == null) {
            j.append("null");
            return;
        }
        j.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> j.append("\\\"");
                case '\\' -> j.append("\\\\");
                case '\b' -> j.append("\\b");
                case '\t' -> j.append("\\t");
                case '\n' -> j.append("\\n");
                case '\f' -> j.append("\\f");
                case '\r' -> j.append("\\r");
                default -> {
                    if (c < 0x20) {
                        j.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        j.append(c);
                    }
                }
            }
        }
        j.append('"');
    }
}
