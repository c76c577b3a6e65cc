package dev.strata.postgres.inspect;

import dev.strata.model.ContinuousAggregate;
import dev.strata.model.Hypertable;
import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;
import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TimescaleDB and pgvector as the inspector reads them: hypertables from the classic API and from
 * {@code CREATE TABLE ... WITH (tsdb.hypertable)}, their settings and policies, continuous aggregates, vector
 * columns and indexes; TimescaleDB's own objects stay out of the model.
 */
class PgInspectorTimescaleTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void hypertablesAggregatesAndVectorsAreReadAndTimescaleInternalsLeftOut() throws Exception {
        SchemaModel m;
        try (Connection c = db.connect(); var s = c.createStatement()) {
            Extensions.require(c, "timescaledb");
            Extensions.require(c, "vector");
            s.execute("""
                    CREATE TABLE metrics (at timestamptz NOT NULL, device integer NOT NULL, reading double precision,
                                          embedding vector(3), summary halfvec(2), terms sparsevec(5), bits bit(4));
                    SELECT create_hypertable('metrics', 'at', chunk_time_interval => INTERVAL '1 day');
                    SELECT add_dimension('metrics', 'device', number_partitions => 2);
                    ALTER TABLE metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'device',
                                             timescaledb.compress_orderby = 'at DESC');
                    SELECT add_compression_policy('metrics', INTERVAL '7 days', schedule_interval => INTERVAL '1 hour');
                    SELECT add_retention_policy('metrics', INTERVAL '1 year');
                    SELECT add_reorder_policy('metrics', 'metrics_at_idx');
                    INSERT INTO metrics SELECT now() - i * INTERVAL '1 hour', i % 2, i FROM generate_series(1, 100) i;
                    SELECT count(compress_chunk(ch, if_not_compressed => true)) FROM show_chunks('metrics', older_than => INTERVAL '2 days') ch;
                    CREATE MATERIALIZED VIEW metrics_daily WITH (timescaledb.continuous) AS
                      SELECT device, time_bucket('1 day', at) AS day, avg(reading) AS avg_reading
                      FROM metrics GROUP BY device, day WITH NO DATA;
                    SELECT add_continuous_aggregate_policy('metrics_daily', start_offset => INTERVAL '1 month',
                        end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');
                    CREATE TABLE events (at timestamptz NOT NULL, device integer)
                      WITH (tsdb.hypertable, tsdb.partition_column = 'at', tsdb.segmentby = 'device');
                    CREATE INDEX metrics_embedding_hnsw ON metrics USING hnsw (embedding vector_cosine_ops) WITH (m = 8);
                    CREATE TABLE docs (id int PRIMARY KEY, embedding vector(3));
                    CREATE INDEX docs_ivfflat ON docs USING ivfflat (embedding vector_l2_ops) WITH (lists = 4);
                    """);
            m = new PgInspector().inspect(c);
        }
        ObjectName metrics = ObjectName.of("public", "metrics");
        Hypertable h = m.hypertables().get(metrics);
        assertThat(h.timeColumn()).isEqualTo("at");
        assertThat(h.chunkInterval()).isEqualTo("1 day");
        assertThat(h.spaceDimensions()).containsExactly(new Hypertable.Dimension("device", 2, null));
        assertThat(h.defaultIndexes()).isTrue();
        assertThat(h.compression()).isEqualTo(new Hypertable.Compression(List.of("device"), List.of("at DESC")));
        assertThat(h.compressionPolicy()).isEqualTo(new Hypertable.Policy("7 days", "01:00:00"));
        assertThat(h.retentionPolicy()).isEqualTo(new Hypertable.Policy("1 year", "1 day"));
        assertThat(h.reorderPolicy().index()).isEqualTo("metrics_at_idx");

        Hypertable events = m.hypertables().get(ObjectName.of("public", "events"));
        assertThat(events.timeColumn()).isEqualTo("at");
        assertThat(events.compression().segmentBy()).containsExactly("device");
        assertThat(events.compressionPolicy()).as("the tsdb.hypertable form adds a columnstore policy").isNotNull();

        ContinuousAggregate daily = m.continuousAggregates().get(ObjectName.of("public", "metrics_daily"));
        assertThat(daily.hypertable()).isEqualTo(metrics);
        assertThat(daily.materializedOnly()).isTrue();
        assertThat(daily.refreshPolicy()).isEqualTo(new ContinuousAggregate.RefreshPolicy("1 mon", "01:00:00", "01:00:00"));
        assertThat(daily.definition()).contains("time_bucket");

        // TimescaleDB's own objects: chunks, internal schemas, default indexes, the aggregate's views and tables
        assertThat(m.schemas().keySet()).noneMatch(n -> n.startsWith("_timescaledb") || n.startsWith("timescaledb"));
        assertThat(m.tables().keySet()).extracting(ObjectName::name).containsExactlyInAnyOrder("docs", "events", "metrics");
        assertThat(m.views()).isEmpty();
        assertThat(m.materializedViews()).isEmpty();
        assertThat(m.triggers()).isEmpty();
        assertThat(m.indexes().keySet()).extracting(ObjectName::name)
                .containsExactlyInAnyOrder("metrics_embedding_hnsw", "docs_pkey", "docs_ivfflat");

        assertThat(m.tables().get(metrics).columns()).extracting(col -> col.name() + " " + col.type()).contains(
                "embedding public.vector(3)", "summary public.halfvec(2)", "terms public.sparsevec(5)", "bits bit(4)");
        assertThat(m.indexes().get(ObjectName.of("public", "metrics_embedding_hnsw")).definition())
                .contains("USING hnsw (embedding public.vector_cosine_ops) WITH (m='8')");
        assertThat(m.indexes().get(ObjectName.of("public", "docs_ivfflat")).definition())
                .contains("USING ivfflat (embedding) WITH (lists='4')"); // the default operator class is not printed
    }
}
