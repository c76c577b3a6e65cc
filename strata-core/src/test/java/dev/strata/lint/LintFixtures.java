package dev.strata.lint;

import dev.strata.script.ScriptParser;
import dev.strata.script.SqlMigration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a lint fixture: one or more revisions separated by a {@code -- fixture:next} line; a part that does not
 * start with {@code -- strata:revision} is an upgrade body, wrapped in a default header and an empty downgrade.
 * The last revision is the one linted; the ones before only feed the chain facts.
 */
final class LintFixtures {
    static final Path DIR = Path.of("src/test/resources/fixtures/lint");

    private LintFixtures() {
    }

    static List<LintInput> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] parts = text.split("\n-- fixture:next\n");
        List<LintInput> chain = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].startsWith("-- strata:revision") ? parts[i]
                    : "-- strata:revision fixture\n-- strata:upgrade\n" + parts[i].stripTrailing() + "\n-- strata:downgrade\n";
            String location = DIR.relativize(file).toString().replace('\\', '/')
                    + (parts.length > 1 ? "#" + (i + 1) : "");
            SqlMigration m = ScriptParser.parse(location, part);
            chain.add(LintInput.of(m, part));
        }
        return chain;
    }

    /** The rule's findings for the last revision of the fixture, one line each. */
    static String findings(Path file, String ruleId) throws IOException {
        List<LintInput> chain = read(file);
        LintInput last = chain.get(chain.size() - 1);
        Map<String, Optional<Severity>> rules = ruleId.equals("SA077")
                ? Map.of("SA077", Optional.of(Severity.WARNING)) : Map.of();
        LintReport report = new Linter(new LintOptions(rules, Severity.ERROR, java.time.Duration.ofSeconds(2)))
                .lint(chain, in -> in == last);
        StringBuilder out = new StringBuilder();
        for (Finding f : report.findings()) {
            if (!f.rule().id().equals(ruleId)) {
                continue;
            }
            out.append("line ").append(f.location().line()).append(' ').append(f.severity().label()).append(' ')
                    .append(f.rule().id()).append(": ").append(f.what());
            if (!f.impact().isEmpty()) {
                out.append(" [").append(f.impact()).append(']');
            }
            if (f.isSuppressed()) {
                out.append(" (suppressed: ").append(f.suppressed()).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
