package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.cli.Version;
import dev.strata.engine.lint.LintGate;
import dev.strata.cli.lint.LintOutput;
import dev.strata.cli.lint.Sarif;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.lint.LintOptions;
import dev.strata.lint.LintReport;
import dev.strata.lint.Severity;
import dev.strata.run.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code strata lint [RANGE]}: the static lint rules over revisions; exit 4 on findings at the failing severity. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check revisions for statements that lock, rewrite, scan or destroy (rules SA001...; see docs/lint.md).",
                "Default: the revisions not yet applied to the configured database; all of them with --all, or when no"
                        + " database is configured or reachable (said on standard error).",
                "Observed by default: the revisions are also replayed on a scratch database (on the dev URL's server,"
                        + " else a throw-away embedded PostgreSQL) statement by statement, recording each statement's"
                        + " locks, rewrites, invalid indexes and schema change (the differ's ops), and findings are"
                        + " marked confirmed or contradicted. --static lints without it; one line on standard error"
                        + " says which mode ran and why. The upgrade gate stays static unless [lint] upgrade_observe = true.",
                "Suppress a finding with '-- strata:allow RULE-ID reason' on the line(s) right before the statement.",
                "With a reachable database, findings carry their table's size and size-sensitive ones rise with it"
                        + " ([lint] rows_plus_one / rows_plus_two).",
                "Exit status 0 when no finding is at or above the failing severity ([lint] fail_on, default error),"
                        + " 4 when one is, 2 on bad input."})
public final class LintCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RANGE",
            description = "Only these revisions: one revision (id, prefix, head, LABEL@head) or a range A:B, A:, :B.")
    String range;

    @Option(names = "--all", description = "Lint every revision, applied or not, without reading which are applied"
            + " (table sizes are still read when a database URL is configured).")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default), json (same as --json), sarif (SARIF 2.1.0 for code scanning) or github"
                    + " (workflow annotations only). With GITHUB_ACTIONS=true, text output adds the annotations.")
    String format;

    @Option(names = "--observe", negatable = true,
            description = "Replay each revision on a scratch database (schema at its parent revision, plus sample rows)"
                    + " statement by statement; record the locks (pg_locks), rewrites (relfilenode), invalid indexes"
                    + " and schema change (the differ's ops) of each statement, and mark each finding confirmed or"
                    + " contradicted (new findings SA950-SA953 for what no rule predicted). Default: on ([lint] observe"
                    + " = \"auto\"), on a scratch database of --dev-url or dev_url, else a throw-away embedded"
                    + " PostgreSQL; when none can be had it lints statically and says why. Given explicitly, a failure"
                    + " to observe is an error. --no-observe (or --static) skips it. The schema is read after each"
                    + " statement that may change it (the relations it locked, read again; [lint] observe_changes ="
                    + " false: never).")
    Boolean observe;

    @Option(names = "--static", description = "Static analysis only, no scratch database (same as --no-observe).")
    boolean staticOnly;

    @Option(names = "--dev-url", paramLabel = "URL",
            description = "A server for the scratch database of --observe (its user needs CREATEDB; default: dev_url).")
    String devUrl;

    @Option(names = "--sample-from", paramLabel = "URL",
            description = "Copy a few rows per table from this database into the scratch database, instead of"
                    + " generating them (only read; tables it lacks get generated rows).")
    String sampleFrom;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Fail (exit 4) on findings at or above info, warning or error (default: [lint] fail_on, else error).")
    String failOn;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            String fmt = format(s);
            LintOptions options = LintGate.options(s.workspace());
            Severity fail = failOn == null ? options.failOn() : Severity.parse(failOn).orElseThrow(() ->
                    new StrataException(ErrorCode.USAGE, "--fail-on is '" + failOn + "': use info, warning or error"));
            boolean explicit = Boolean.TRUE.equals(observe);
            if (staticOnly && explicit) {
                throw new StrataException(ErrorCode.USAGE, "--static and --observe contradict each other: pass one");
            }
            String mode = null;
            if (staticOnly || Boolean.FALSE.equals(observe)) {
                mode = "static only: " + (staticOnly ? "--static" : "--no-observe");
            } else if (observe == null && !dev.strata.engine.lint.LintConfig.observeByDefault(s.settings().configFile())) {
                mode = "static only: [lint] observe = \"off\" (pass --observe to replay the revisions)";
            }
            // the scratch database is made in the background while the revisions are read (on a dev URL's server;
            // an embedded one is started only once they have read well) and the static rules run
            boolean dev = devUrl != null || s.settings().devUrl().isPresent();
            LintGate.ScratchForLint scratch = null;
            if (mode == null && dev) {
                scratch = scratch(s, explicit);
                mode = scratch == null ? scratchFailed : null;
            }
            MigrationSet set;
            Selection sel;
            try {
                set = s.migrations();
                sel = select(s, set);
            } catch (RuntimeException e) {
                closeQuietly(scratch);
                throw e;
            }
            if (sel.note != null && !fmt.equals("json")) {
                s.console().info(sel.note);
            }
            if (mode == null && sel.revisions.isEmpty()) {
                mode = "static only: no revisions to observe";
                scratch = close(s, scratch);
            } else if (mode == null && !dev) {
                scratch = scratch(s, explicit);
                mode = scratch == null ? scratchFailed : null;
            }
            LintReport report;
            try {
                report = LintGate.lint(s.workspace(), options, sel.revisions);
                if (scratch != null) {
                    String where = devUrl != null ? "a scratch database on the --dev-url server"
                            : s.settings().devUrl().isPresent() ? "a scratch database on the dev_url server"
                            : "a throw-away embedded PostgreSQL (no dev URL configured)";
                    try {
                        report = LintGate.observe(s.workspace(), scratch, report, options, sel.revisions,
                                java.util.Optional.ofNullable(sampleFrom));
                        mode = "observed on " + where;
                    } catch (StrataException e) {
                        if (explicit) {
                            throw e;
                        }
                        mode = "static only: the observation could not run (" + e.getMessage() + ")";
                    }
                }
            } finally {
                close(s, scratch);
            }
            if (!fmt.equals("json")) {
                s.console().info("lint: " + mode);
            }
            if (!sel.offline || (all && s.settings().url().isPresent())) {
                try {
                    report = LintGate.sized(s.workspace(), report, options);
                } catch (StrataException e) {
                    s.console().warn("table sizes not read: " + e.getMessage());
                }
            }
            print(s, fmt, report, fail, sel, mode);
            return report.failing(fail).isEmpty() ? ExitCode.OK : ExitCode.LINT;
        }
    }

    /** Why {@link #scratch(Session, boolean)} gave none. */
    private String scratchFailed;

    /**
     * Starts making the scratch database in the background; null (and {@link #scratchFailed} says why) when it
     * cannot be, unless observing was asked for explicitly.
     */
    private LintGate.ScratchForLint scratch(Session s, boolean explicit) {
        try {
            return LintGate.scratch(s.workspace(), java.util.Optional.ofNullable(devUrl));
        } catch (StrataException e) {
            if (explicit) {
                throw e;
            }
            scratchFailed = "static only: the observation could not run (" + e.getMessage() + ")";
            return null;
        }
    }

    /** Closes {@code scratch} (when there is one), warning when it was not cleaned up; null. */
    private static LintGate.ScratchForLint close(Session s, LintGate.ScratchForLint scratch) {
        if (scratch != null) {
            try {
                scratch.close();
            } catch (StrataException e) {
                s.console().warn("the scratch database was not cleaned up: " + e.getMessage());
            }
        }
        return null;
    }

    /** Closes {@code scratch} (when there is one) on the way out of a failure, which says what went wrong. */
    private static void closeQuietly(LintGate.ScratchForLint scratch) {
        if (scratch != null) {
            try {
                scratch.close();
            } catch (RuntimeException e) {
                // the failure being thrown is the one to report
            }
        }
    }

    private static long count(LintReport report, String verdict) {
        return report.active().stream().filter(f -> LintOutput.verdict(f).equals(verdict)).count();
    }

    private String format(Session s) {
        String f = format == null ? (s.console().json() ? "json" : "text") : format.toLowerCase(java.util.Locale.ROOT);
        if (!List.of("text", "json", "sarif", "github").contains(f)) {
            throw new StrataException(ErrorCode.USAGE, "--format is '" + format + "': use text, json, sarif or github");
        }
        return f;
    }

    private record Selection(Set<RevisionId> revisions, boolean offline, String note) {
    }

    /** Which revisions to report on: the range, or the pending ones, or all (offline). */
    private Selection select(Session s, MigrationSet set) {
        var g = set.graph();
        Set<RevisionId> everything = new HashSet<>();
        g.all().forEach(r -> everything.add(r.id()));
        Set<RevisionId> current = null;
        String note = null;
        boolean offline = true;
        boolean needsDb = range == null ? !all : range.contains("current");
        if (needsDb) {
            if (s.settings().url().isEmpty()) {
                note = "no database URL is configured: linting all revisions (offline)";
            } else {
                try {
                    current = LintGate.knownHeads(set, s.target().readState());
                    offline = false;
                } catch (StrataException e) {
                    note = "the database is not reachable (" + e.getMessage() + "): linting all revisions (offline)";
                }
            }
        }
        Set<RevisionId> chosen = new HashSet<>();
        if (range != null) {
            if (range.contains(":")) {
                g.range(range, current == null ? Set.of() : current).forEach(r -> chosen.add(r.id()));
            } else {
                chosen.add(g.resolve(range).id());
            }
        } else if (current != null) {
            chosen.addAll(everything);
            chosen.removeAll(g.applied(current));
            note = chosen.isEmpty() ? "no pending revisions to lint (use --all to lint every revision)" : null;
        } else {
            chosen.addAll(everything);
        }
        return new Selection(chosen, offline, note);
    }

    private void print(Session s, String fmt, LintReport report, Severity fail, Selection sel, String mode) {
        switch (fmt) {
            case "json" -> {
                java.util.Map<String, Object> doc = LintOutput.json(report, fail, sel.offline, sel.note);
                doc.put("mode", mode);
                s.console().json(doc);
            }
            case "sarif" -> s.console().json(Sarif.log(report, Version.get()));
            case "github" -> LintOutput.github(report).forEach(s.console()::line);
            default -> {
                LintOutput.text(report, s.console().verbose()).forEach(s.console()::line);
                if ("true".equals(root.environment().get("GITHUB_ACTIONS"))) {
                    LintOutput.github(report).forEach(s.console()::line);
                }
                int failing = report.failing(fail).size();
                s.console().info(report.revisions() + " revision(s) linted" + (report.observed() ? " and observed" : "")
                        + ": " + report.active().size() + " finding(s), "
                        + failing + " at or above " + fail.label() + ", "
                        + (report.findings().size() - report.active().size()) + " suppressed"
                        + (report.observed() ? ", " + count(report, "confirmed") + " confirmed, "
                        + count(report, "contradicted") + " contradicted by observation" : "") + ".");
            }
        }
    }
}
