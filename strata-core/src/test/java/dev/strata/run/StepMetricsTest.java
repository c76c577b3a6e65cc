package dev.strata.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The history row's details JSON, written by hand, is the text Jackson's generator wrote before (issue 14). */
class StepMetricsTest {
    /** Every ASCII character, a few beyond, and a lone surrogate: what escaping has to get right. */
    private static final String AWKWARD;

    static {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            s.append(c);
        }
        AWKWARD = s.append("é€\u2028\uD83D\uDE00\uD800 end").toString();
    }

    @Test
    void theDetailsAreWhatJacksonWrites() throws IOException {
        StepMetrics bare = new StepMetrics("r1", "upgrade", "ok", 12, 0, 0, 0, List.of(), List.of(), List.of(), null);
        StepMetrics full = new StepMetrics("r2", "upgrade", "failed", 1234, 5_000_000_000L, 17, 2,
                List.of(new StepMetrics.RelationSize("public.\"Odd\"", "table", null, 8192L),
                        new StepMetrics.RelationSize(AWKWARD, "index", 16384L, null)),
                List.of(new StepMetrics.IndexBuild("t_name_idx", 3), new StepMetrics.IndexBuild(AWKWARD, 0)),
                List.of(new StepMetrics.Backfill("t", 1000, 7), new StepMetrics.Backfill(AWKWARD, 5, 0)),
                new StepMetrics.Verify(2, false, AWKWARD));
        StepMetrics passed = new StepMetrics("r3", "downgrade", "ok", 1, 1, 0, 0, List.of(), List.of(), List.of(),
                new StepMetrics.Verify(1, true, null));
        for (StepMetrics m : List.of(bare, full, passed)) {
            assertThat(m.toJson()).isEqualTo(jackson(m));
        }
    }

    /** The details as Jackson's generator writes them (the way toJson worked before it was written by hand). */
    private static String jackson(StepMetrics m) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("duration_ms", m.durationMs());
            g.writeNumberField("rows_affected", m.rowsAffected());
            g.writeNumberField("lock_wait_ms", m.lockWaitMs());
            g.writeNumberField("lock_retries", m.lockRetries());
            g.writeArrayFieldStart("relations");
            for (StepMetrics.RelationSize r : m.relations()) {
                g.writeStartObject();
                g.writeStringField("relation", r.relation());
                g.writeStringField("kind", r.kind());
                nullable(g, "bytes_before", r.bytesBefore());
                nullable(g, "bytes_after", r.bytesAfter());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("index_builds");
            for (StepMetrics.IndexBuild b : m.indexBuilds()) {
                g.writeStartObject();
                g.writeStringField("index", b.index());
                g.writeNumberField("ms", b.millis());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("backfills");
            for (StepMetrics.Backfill b : m.backfills()) {
                g.writeStartObject();
                g.writeStringField("table", b.table());
                g.writeNumberField("rows", b.rows());
                g.writeNumberField("ms", b.millis());
                g.writeNumberField("rows_per_second", b.rowsPerSecond());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (m.verify() != null) {
                g.writeObjectFieldStart("verify");
                g.writeNumberField("statements", m.verify().statements());
                g.writeBooleanField("passed", m.verify().passed());
                if (m.verify().failure() != null) {
                    g.writeStringField("failure", m.verify().failure());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
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
