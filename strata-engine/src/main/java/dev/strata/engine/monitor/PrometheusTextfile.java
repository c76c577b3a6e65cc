package dev.strata.engine.monitor;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.run.StepMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's metrics in the Prometheus text exposition format (version 0.0.4), for node_exporter's textfile collector:
 * every metric is a gauge describing the last run (the file is replaced after each run), labelled with the
 * {@code database} and {@code environment}; per-revision metrics add {@code revision}. The file is written to a
 * temporary file in the same folder and renamed over the old one, so the collector never reads half a file.
 */
public final class PrometheusTextfile {
    private final Map<String, Family> families = new LinkedHashMap<>();

    private PrometheusTextfile() {
    }

    /** The text of {@code run}'s metrics; {@code alerts} is the number of alert conditions the run met. */
    public static String render(RunMetrics run, int alerts) {
        PrometheusTextfile out = new PrometheusTextfile();
        Map<String, String> base = new LinkedHashMap<>();
        base.put("database", run.database());
        base.put("environment", run.environment());
        Map<String, String> runLabels = with(base, "direction", run.direction());
        double ended = (run.startedAt().toEpochMilli() + run.durationMs()) / 1000.0;
        out.add("strata_last_run_timestamp_seconds", "When the last run ended, in Unix time.", runLabels, ended);
        out.add("strata_last_run_success", "1 when the last run succeeded (or had nothing to do), else 0.", runLabels,
                run.failed() ? 0 : 1);
        out.add("strata_last_run_duration_seconds", "How long the last run took.", runLabels, run.durationMs() / 1000.0);
        out.add("strata_last_run_revisions", "Revisions the last run applied or reverted.", runLabels, run.applied());
        out.add("strata_last_run_rows_affected", "Rows the last run's statements changed (JDBC update counts).",
                runLabels, run.rowsAffected());
        out.add("strata_last_run_lock_wait_seconds", "Time the last run lost to lock timeouts and their retries.",
                runLabels, run.lockWaitMs() / 1000.0);
        out.add("strata_last_run_lock_retries", "Statements of the last run retried after a lock timeout.", runLabels,
                run.lockRetries());
        out.add("strata_last_run_alerts", "Alert conditions of strata.toml the last run met.", runLabels, alerts);
        for (StepMetrics s : run.revisions()) {
            Map<String, String> r = with(with(base, "revision", s.revision()), "direction", s.direction());
            Map<String, String> rs = with(r, "status", s.status());
            out.add("strata_revision_duration_seconds", "How long a revision of the last run took.", rs,
                    s.durationMs() / 1000.0);
            out.add("strata_revision_rows_affected", "Rows a revision's statements changed.", r, s.rowsAffected());
            out.add("strata_revision_lock_wait_seconds", "Time a revision lost to lock timeouts and their retries.", r,
                    s.lockWaitMs() / 1000.0);
            out.add("strata_revision_lock_retries", "Statements of a revision retried after a lock timeout.", r,
                    s.lockRetries());
            for (StepMetrics.IndexBuild b : s.indexBuilds()) {
                out.add("strata_revision_index_build_seconds", "How long a revision's CREATE INDEX took.",
                        with(r, "index", b.index()), b.millis() / 1000.0);
            }
            for (StepMetrics.Backfill b : s.backfills()) {
                Map<String, String> t = with(r, "table", b.table());
                out.add("strata_revision_backfill_rows", "Rows a revision's batched backfill changed.", t, b.rows());
                out.add("strata_revision_backfill_rows_per_second", "The rate of a revision's batched backfill.", t,
                        b.rowsPerSecond());
            }
            for (StepMetrics.RelationSize z : s.relations()) {
                Map<String, String> rel = with(with(r, "relation", z.relation()), "kind", z.kind());
                if (z.bytesBefore() != null) {
                    out.add("strata_revision_relation_size_bytes", "Size of a table (with its indexes and TOAST) or"
                            + " index a revision works on, before and after it.", with(rel, "when", "before"),
                            z.bytesBefore());
                }
                if (z.bytesAfter() != null) {
                    out.add("strata_revision_relation_size_bytes", "Size of a table (with its indexes and TOAST) or"
                            + " index a revision works on, before and after it.", with(rel, "when", "after"),
                            z.bytesAfter());
                }
            }
            if (s.verify() != null) {
                out.add("strata_revision_verification_passed", "1 when a revision's verify statements passed, else 0.",
                        r, s.verify().passed() ? 1 : 0);
            }
        }
        return out.text();
    }

    /** Writes the text atomically: a temporary file in the same folder, renamed over {@code file}. */
    public static void write(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            // the textfile collector reads *.prom only, so the temporary file is never read
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "could not write the metrics file " + file + ": " + e
                    + "; check the folder exists and is writable, or change [metrics] file", e);
        }
    }

    private void add(String name, String help, Map<String, String> labels, double value) {
        families.computeIfAbsent(name, n -> new Family(help)).samples.add(sample(name, labels, value));
    }

    private String text() {
        StringBuilder b = new StringBuilder();
        families.forEach((name, f) -> {
            b.append("# HELP ").append(name).append(' ').append(f.help).append('\n');
            b.append("# TYPE ").append(name).append(" gauge\n");
            f.samples.forEach(s -> b.append(s).append('\n'));
        });
        return b.toString();
    }

    private static String sample(String name, Map<String, String> labels, double value) {
        StringBuilder b = new StringBuilder(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
        }
        b.append("} ");
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            b.append((long) value);
        } else {
            b.append(java.math.BigDecimal.valueOf(value).toPlainString());
        }
        return b.toString();
    }

    /** Label values: backslash, double quote and line feed escaped, as the format requires. */
    private static String escape(String v) {
        return (v == null ? "" : v).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.put(key, value);
        return out;
    }

    private static final class Family {
        final String help;
        final List<String> samples = new ArrayList<>();

        Family(String help) {
            this.help = help;
        }
    }
}
