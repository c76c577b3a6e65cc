package dev.strata.engine;

import dev.strata.diagram.ErDiagram;
import dev.strata.diagram.MermaidRenderer;
import dev.strata.diagram.SvgRenderer;
import dev.strata.engine.report.MigrationReport;
import dev.strata.engine.report.StatusReports;
import dev.strata.engine.schema.ChainReplay;
import dev.strata.engine.schema.ModelReader;
import dev.strata.engine.schema.Models;
import dev.strata.engine.schema.SchemaDiff;
import dev.strata.engine.schema.ScratchDb;
import dev.strata.graph.RevisionId;
import dev.strata.lint.Finding;
import dev.strata.lint.LintInput;
import dev.strata.lint.LintOptions;
import dev.strata.lint.LintReport;
import dev.strata.lint.Linter;
import dev.strata.lint.Severity;
import dev.strata.model.SchemaModel;
import dev.strata.postgres.HistoryRow;
import dev.strata.run.HistoryEntry;
import dev.strata.run.MigrationSet;
import dev.strata.script.MigrationScript;
import dev.strata.script.SqlMigration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the {@link MigrationReport} of a workspace's database: its status, the pending revisions with their
 * SQL and the linter's findings (the core {@link Linter}, with the options the caller passes), the schema
 * changes of the pending revisions (the chain replayed on a scratch database to the current revisions, read, then
 * on to the heads, read again, and the two compared by {@link SchemaDiff}), the latest history rows and the ER diagram
 * of the heads. Reads only: the database is not changed.
 */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    /**
     * What to put in the report.
     *
     * @param lint         the linter's options (rule severities, failing severity)
     * @param devUrl       a server for the scratch databases, or null for the configured {@code dev_url}, else an
     *                     embedded PostgreSQL
     * @param historyLimit how many of the newest history rows to include
     * @param clock        the clock for {@code generatedAt}
     */
    public record Options(LintOptions lint, String devUrl, int historyLimit, Clock clock) {
        public Options {
            Objects.requireNonNull(lint, "lint");
            Objects.requireNonNull(clock, "clock");
            if (historyLimit < 0) {
                throw new IllegalArgumentException("historyLimit is negative: " + historyLimit);
            }
        }

        /** The default lint rules, the configured scratch server, the 50 newest history rows. */
        public static Options defaults() {
            return new Options(LintOptions.DEFAULTS, null, 50, Clock.systemUTC());
        }

        public Options withLint(LintOptions value) {
            return new Options(value, devUrl, historyLimit, clock);
        }

        public Options withDevUrl(String value) {
            return new Options(lint, value, historyLimit, clock);
        }

        public Options withHistoryLimit(int value) {
            return new Options(lint, devUrl, value, clock);
        }
    }

    public static MigrationReport build(Workspace w, Options options) {
        MigrationSet set = w.migrations();
        Status status = StatusReader.read(w);
        Set<String> pendingFiles = new HashSet<>();
        status.pending().forEach(p -> pendingFiles.add(p.file()));
        LintReport lint = new Linter(options.lint()).lint(chain(w, set), in -> pendingFiles.contains(in.file()));
        List<Finding> upgradeFindings = lint.findings().stream().filter(f -> !f.downgrade()).toList();

        List<MigrationReport.Pending> pending = new ArrayList<>();
        for (Status.PendingRevision p : status.pending()) {
            MigrationScript script = set.script(RevisionId.of(p.revision()));
            List<String> sql = script.upgradePlan().stream().map(st -> st.sql().strip())
                    .filter(s -> !s.isEmpty()).map(s -> s.endsWith(";") ? s : s + ";").toList();
            List<MigrationReport.LintFinding> findings = upgradeFindings.stream()
                    .filter(f -> f.location().file().equals(script.location())).map(ReportBuilder::finding).toList();
            pending.add(new MigrationReport.Pending(p.revision(), p.message(), p.file(), script.transactional(),
                    script.destructiveReason().orElse(null), script.irreversibleReason().orElse(null), sql, findings));
        }

        List<String> current = status.current().stream().filter(id -> containsId(set, id)).toList();
        MigrationReport.SchemaChanges changes;
        SchemaModel head;
        String source;
        if (pending.isEmpty()) {
            changes = new MigrationReport.SchemaChanges(status.current(), status.heads(), List.of(), List.of(), List.of());
            head = w.readSchema();
            source = "database";
        } else {
            try (Models models = new Models(w, options.devUrl())) {
                // one scratch database: replayed to the current revisions and read, then on to the heads and read
                // again (the chain runs once; creating databases is the slow part on a busy server)
                ScratchDb db = models.scratch().create();
                for (String id : current) {
                    ChainReplay.replay(set, id, db, w.settings().tables());
                }
                SchemaModel before = ModelReader.read(db, w.settings().tables());
                ChainReplay.replay(set, "heads", db, w.settings().tables());
                head = ModelReader.read(db, w.settings().tables());
                SchemaDiff.Outcome diff = SchemaDiff.diff(before, head, Map.of(), true);
                changes = new MigrationReport.SchemaChanges(current, status.heads(),
                        diff.ops().stream().map(op -> op.describe()).toList(), diff.destructive(), diff.unsupported());
            }
            source = "chain";
        }
        ErDiagram d = ErDiagram.of(head);
        MigrationReport.Diagram diagram = new MigrationReport.Diagram(source, d.entities().size(), d.relations().size(),
                MermaidRenderer.render(d), SvgRenderer.render(d));

        List<HistoryRow> rows = status.history();
        List<StatusReports.AuditEntry> history = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0 && history.size() < options.historyLimit(); i--) {
            history.add(StatusReports.AuditEntry.of(rows.get(i)));
        }
        int failures = (int) rows.stream().filter(r -> r.status() != HistoryEntry.Status.OK).count();

        List<Finding> active = upgradeFindings.stream().filter(f -> !f.isSuppressed()).toList();
        MigrationReport.Lint summary = new MigrationReport.Lint(options.lint().failOn().label(),
                count(active, Severity.ERROR), count(active, Severity.WARNING), count(active, Severity.INFO),
                (int) active.stream().filter(f -> f.severity().atLeast(options.lint().failOn())).count(),
                upgradeFindings.size() - active.size());
        return new MigrationReport(options.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                w.settings().displayUrl(), w.settings().environment(), status.current(), status.heads(), pending,
                summary, changes, history, rows.size(), failures, diagram);
    }

    private static int count(List<Finding> findings, Severity severity) {
        return (int) findings.stream().filter(f -> f.severity() == severity).count();
    }

    private static MigrationReport.LintFinding finding(Finding f) {
        return new MigrationReport.LintFinding(f.rule().id(), f.rule().name(), f.severity().label(),
                f.location().toString(), f.what(), f.impact(), f.rule().fix(), f.suppressed());
    }

    /** Every revision in chain order, as the linter reads them (SQL files with their text, for allow lines). */
    private static List<LintInput> chain(Workspace w, MigrationSet set) {
        List<LintInput> chain = new ArrayList<>();
        for (var r : set.graph().all()) {
            MigrationScript script = set.script(r.id());
            chain.add(LintInput.of(script, script instanceof SqlMigration ? text(w.workingDir(), script.location()) : null));
        }
        return chain;
    }

    private static String text(Path workingDir, String location) {
        Path file = workingDir.resolve(location);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static boolean containsId(MigrationSet set, String id) {
        try {
            return set.contains(RevisionId.of(id));
        } catch (RuntimeException notAnId) {
            return false;
        }
    }
}
