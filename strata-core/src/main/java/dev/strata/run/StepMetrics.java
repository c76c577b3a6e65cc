package dev.strata.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    /** The JSON stored in the history table's {@code details} column (snake_case keys, as the --json documents). */
    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("duration_ms", durationMs);
            g.writeNumberField("rows_affected", rowsAffected);
            g.writeNumberField("lock_wait_ms", lockWaitMs);
            g.writeNumberField("lock_retries", lockRetries);
            g.writeArrayFieldStart("relations");
            for (RelationSize r : relations) {
                g.writeStartObject();
                g.writeStringField("relation", r.relation());
                g.writeStringField("kind", r.kind());
                nullable(g, "bytes_before", r.bytesBefore());
                nullable(g, "bytes_after", r.bytesAfter());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("index_builds");
            for (IndexBuild b : indexBuilds) {
                g.writeStartObject();
                g.writeStringField("index", b.index());
                g.writeNumberField("ms", b.millis());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("backfills");
            for (Backfill b : backfills) {
                g.writeStartObject();
                g.writeStringField("table", b.table());
                g.writeNumberField("rows", b.rows());
                g.writeNumberField("ms", b.millis());
                g.writeNumberField("rows_per_second", b.rowsPerSecond());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (verify != null) {
                g.writeObjectFieldStart("verify");
                g.writeNumberField("statements", verify.statements());
                g.writeBooleanField("passed", verify.passed());
                if (verify.failure() != null) {
                    g.writeStringField("failure", verify.failure());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void nullable(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }
}
