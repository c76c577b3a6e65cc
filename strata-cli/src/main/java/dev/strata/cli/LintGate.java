package dev.strata.cli;

import dev.strata.cli.commands.CurrentCommand;
import dev.strata.cli.lint.LintConfig;
import dev.strata.engine.Targets;
import dev.strata.cli.lint.LintOutput;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;
import dev.strata.graph.Step;
import dev.strata.lint.Finding;
import dev.strata.lint.LintInput;
import dev.strata.lint.LintOptions;
import dev.strata.lint.LintReport;
import dev.strata.lint.Linter;
import dev.strata.lint.RuleSet;
import dev.strata.run.DatabaseState;
import dev.strata.run.MigrationSet;
import dev.strata.script.MigrationScript;
import dev.strata.script.SqlMigration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The linter in front of {@code upgrade}: lints the revisions the upgrade would apply, before anything runs,
 * and refuses (exit 4) when a finding is at or above the failing severity, unless the revision suppresses it
 * or {@code --allow RULE} names its rule. With {@code --sql} nothing is refused; the findings become comments
 * at the top of the SQL.
 */
public final class LintGate {
    private LintGate() {
    }

    /** Every revision in chain order, with its file text, as the linter reads them. */
    public static List<LintInput> chain(Session s, MigrationSet set) {
        set.splitAllBut(Set.of()); // every revision's statements, split on every core
        List<LintInput> chain = new ArrayList<>();
        for (Revision r : set.graph().all()) {
            MigrationScript script = set.script(r.id());
            chain.add(LintInput.of(script, script instanceof SqlMigration ? read(s, script.location()) : null));
        }
        return chain;
    }

    private static String read(Session s, String location) {
        try {
            return Files.readString(s.workingDir().resolve(location), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return {@link ExitCode#OK} to go on, {@link ExitCode#LINT} when the upgrade is refused (findings printed)
     */
    public static int beforeUpgrade(Session s, String target, boolean sql, List<String> allow) {
        if (!LintConfig.upgradeGate(s.settings().configFile())) {
            return ExitCode.OK;
        }
        MigrationSet set = s.migrations();
        Set<String> allowed = new HashSet<>();
        allow.forEach(a -> allowed.add(RuleSet.resolve(a, "--allow")));
        Set<RevisionId> current;
        String to = target;
        if (sql) {
            Targets.Range range = Targets.range(target);
            current = Targets.fromState(set.graph(), range.from()).heads();
            to = range.to();
        } else {
            DatabaseState state = s.target().readState();
            current = CurrentCommand.knownHeads(set, state);
        }
        to = dev.strata.engine.Runs.normalizeTarget(to);
        Set<RevisionId> applying = new HashSet<>();
        for (Step step : set.graph().upgradeSteps(current, to)) {
            applying.add(step.id());
        }
        if (applying.isEmpty()) {
            return ExitCode.OK;
        }
        List<LintInput> chain = chain(s, set);
        Set<String> files = new HashSet<>();
        applying.forEach(id -> files.add(set.script(id).location()));
        LintOptions options = LintConfig.read(s.settings().configFile(), s.settings().lockTimeout());
        LintReport report = new Linter(options).lint(chain, in -> files.contains(in.file()));
        List<Finding> failing = report.failing(options.failOn()).stream()
                .filter(f -> !f.downgrade() && !allowed.contains(f.rule().id())).toList();
        if (sql) {
            StringBuilder out = new StringBuilder();
            for (Finding f : report.active().stream().filter(f -> !f.downgrade()).toList()) {
                out.append("-- lint: ").append(f.location()).append(' ').append(f.severity().label()).append(' ')
                        .append(f.rule().id()).append(' ').append(f.rule().name()).append(": ").append(f.what())
                        .append(allowed.contains(f.rule().id()) ? " (allowed)" : "").append('\n');
            }
            s.console().raw(out.toString());
            return ExitCode.OK;
        }
        if (failing.isEmpty()) {
            return ExitCode.OK;
        }
        LintReport refused = new LintReport(failing, report.revisions(), List.of());
        if (s.console().json()) {
            Map<String, Object> doc = new LinkedHashMap<>(LintOutput.json(refused, options.failOn(), false, null));
            doc.put("refused", true);
            s.console().json(doc);
        } else {
            LintOutput.text(refused, s.console().verbose()).forEach(s.console()::info);
        }
        s.console().warn("upgrade refused before running anything: " + failing.size() + " lint finding(s) at or above "
                + options.failOn().label() + " (" + String.join(", ", failing.stream().map(f -> f.rule().id())
                .distinct().toList()) + "); fix them, suppress one in its revision with '-- strata:allow RULE reason',"
                + " or pass --allow RULE");
        return ExitCode.LINT;
    }
}
