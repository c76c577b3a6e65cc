package dev.strata.bench.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.lint.Finding;
import dev.strata.lint.LintInput;
import dev.strata.lint.LintOptions;
import dev.strata.lint.Linter;
import dev.strata.lint.RuleInfo;
import dev.strata.lint.RuleSet;
import dev.strata.script.ScriptParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs squawk-cli and Strata's linter over the same lint fixtures and prints, per fixture, what each found.
 * A squawk finding counts as covered when Strata reports a rule mapped to it (docs/lint.md) on the same
 * fixture, and as "not a problem under Strata" when Strata's execution takes care of it: squawk's timeout
 * rules (Strata sets lock_timeout for every run and retries) and prefer-robust-stmts in a transactional
 * revision (it applies all or nothing).
 */
final class SquawkComparison {
    private static final Set<String> TIMEOUT_RULES = Set.of("require-timeout-settings", "require-lock-timeout",
            "require-statement-timeout");
    /** Strata rules that judge the same statement more precisely than the generic rule squawk maps to. */
    private static final Map<String, Set<String>> SPECIFIC = Map.of(
            "require-concurrent-index-creation", Set.of("SA201", "SA202", "SA300", "SA301"),
            "changing-column-type", Set.of("SA203", "SA302"),
            "constraint-missing-not-valid", Set.of("SA021", "SA022", "SA023", "SA024", "SA201", "SA203"),
            "prefer-robust-stmts", Set.of("SA202"),
            "adding-field-with-default", Set.of("SA011"),
            "adding-required-field", Set.of("SA011"),
            "ban-drop-table", Set.of("SA033"),
            "ban-drop-column", Set.of("SA033"));

    private SquawkComparison() {
    }

    static void run(Path fixtures, String squawk) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(fixtures)) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        List<String> cmd = new ArrayList<>(List.of(squawk, "--reporter", "json"));
        files.forEach(f -> cmd.add(fixtures.relativize(f).toString()));
        Map<String, Set<String>> bySquawk = new TreeMap<>();
        Map<String, Map<String, Integer>> lines = new HashMap<>();
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).directory(fixtures.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor();
            for (JsonNode v : new ObjectMapper().readTree(out)) {
                String file = v.get("file").asText();
                String rule = v.get("rule_name").asText();
                bySquawk.computeIfAbsent(file, k -> new TreeSet<>()).add(rule);
                lines.computeIfAbsent(file, k -> new HashMap<>()).merge(rule, v.get("line").asInt() + 1, Math::max);
            }
        } catch (IOException e) {
            System.out.println("squawk-cli not found (" + e.getMessage() + "): install it with 'npm install -g squawk-cli'"
                    + " or pass --squawk PATH; skipping the comparison");
            return;
        }
        long squawkMs = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Set<String>> mapping = new HashMap<>();
        for (RuleInfo r : RuleSet.infos()) {
            r.squawk().forEach(q -> mapping.computeIfAbsent(q, k -> new TreeSet<>()).add(r.id()));
        }
        int covered = 0;
        int handled = 0;
        int onlyStrata = 0;
        int context = 0;
        int deemedSafe = 0;
        List<String> missed = new ArrayList<>();
        System.out.printf("%nsquawk-cli vs Strata over %d fixtures (squawk: %d ms for all)%n", files.size(), squawkMs);
        System.out.printf("%-22s %-70s %s%n", "fixture", "squawk (-> Strata rule, or why no problem)", "Strata");
        for (Path f : files) {
            String name = fixtures.relativize(f).toString();
            Last last = strata(f, name);
            List<String> cells = new ArrayList<>();
            for (String rule : bySquawk.getOrDefault(name, Set.of())) {
                Set<String> ids = new TreeSet<>(mapping.getOrDefault(rule, Set.of()));
                ids.addAll(SPECIFIC.getOrDefault(rule, Set.of()));
                if (lines.get(name).get(rule) < last.firstLine) {
                    context++;
                    cells.add(rule + " (in an earlier revision of the fixture)");
                } else if (ids.stream().anyMatch(last.ids::contains)) {
                    covered++;
                    cells.add(rule + "->" + String.join("/", ids.stream().filter(last.ids::contains).toList()));
                } else if (TIMEOUT_RULES.contains(rule)) {
                    handled++;
                    cells.add(rule + " (Strata sets lock_timeout)");
                } else if (rule.equals("prefer-robust-stmts") && last.transactional) {
                    handled++;
                    cells.add(rule + " (transactional revision)");
                } else if (ids.stream().anyMatch(last.suppressed::contains)) {
                    covered++;
                    cells.add(rule + " (suppressed in the revision)");
                } else if (name.contains("/good_")) {
                    deemedSafe++;
                    cells.add(rule + " (Strata: safe here)");
                } else {
                    missed.add(name + ": " + rule);
                    cells.add(rule + " (NOT FOUND BY STRATA)");
                }
            }
            Set<String> squawkIds = new TreeSet<>();
            bySquawk.getOrDefault(name, Set.of()).forEach(q -> squawkIds.addAll(mapping.getOrDefault(q, Set.of())));
            List<String> only = last.ids.stream().filter(id -> !squawkIds.contains(id)).toList();
            onlyStrata += only.size();
            System.out.printf("%-22s %-70s %s%s%n", name, cells.isEmpty() ? "-" : String.join(", ", cells),
                    last.ids.isEmpty() ? "-" : String.join(", ", last.ids), only.isEmpty() ? "" : "  (only Strata: "
                            + String.join(", ", only) + ")");
        }
        System.out.printf("%nsquawk findings: %d covered by Strata, %d not a problem under Strata's execution, %d in "
                + "cases Strata deems safe (good_ fixtures: tables created in the same revision, NOT VALID, ...), %d in "
                + "context revisions, %d not found by Strata; findings only Strata has: %d%n", covered, handled,
                deemedSafe, context, missed.size(), onlyStrata);
        missed.forEach(m -> System.out.println("  not found by Strata: " + m));
    }

    private record Last(Set<String> ids, Set<String> suppressed, boolean transactional, int firstLine) {
    }

    /** The rules Strata reports (not suppressed) for the last revision of a fixture. */
    private static Last strata(Path file, String name) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] parts = text.split("\n-- fixture:next\n");
        List<LintInput> chain = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].startsWith("-- strata:revision") ? parts[i]
                    : "-- strata:revision fixture\n-- strata:upgrade\n" + parts[i].stripTrailing() + "\n-- strata:downgrade\n";
            chain.add(LintInput.of(ScriptParser.parse(name + "#" + i, part), part));
        }
        LintInput last = chain.get(chain.size() - 1);
        Set<String> ids = new TreeSet<>();
        Set<String> suppressed = new TreeSet<>();
        for (Finding f : new Linter(LintOptions.DEFAULTS).lint(chain, in -> in == last).findings()) {
            (f.isSuppressed() ? suppressed : ids).add(f.rule().id());
        }
        if (!parts[parts.length - 1].startsWith("-- strata:revision")) {
            ids.remove("SA034"); // the empty downgrade is the fixture wrapper's, not the case's
        }
        int firstLine = 1;
        if (parts.length > 1) {
            int cut = text.lastIndexOf("\n-- fixture:next\n");
            firstLine = (int) text.substring(0, cut + 1).chars().filter(c -> c == '\n').count() + 2;
        }
        return new Last(ids, suppressed, last.transactional(), firstLine);
    }
}
