package dev.strata.lint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/lint.md is generated from the rule metadata and the fixtures (bad_1 as the example, good_1 as the safe
 * form), so the page cannot drift from the code. {@code -Dgolden.update=true} rewrites it.
 */
class LintDocsTest {
    private static final Path DOC = Path.of("../docs/lint.md");

    @Test
    void docsPageMatchesTheRules() throws IOException {
        String actual = render();
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(DOC).as("docs/lint.md; create it with -Dgolden.update=true").exists();
        assertThat(actual).isEqualTo(Files.readString(DOC, StandardCharsets.UTF_8));
    }

    static String render() throws IOException {
        StringBuilder b = new StringBuilder();
        List<RuleInfo> rules = RuleSet.infos();
        b.append("# Lint rules\n\n");
        b.append("`strata lint` (and `strata upgrade`, before it runs anything) checks every statement of a revision, "
                + "DO blocks included, with the rules below. Each finding names the rule, the file and line, the lock "
                + "the statement takes and on which table, whether it rewrites or scans the table, destroys data or "
                + "breaks running clients, why that matters, and the safe alternative. Rules know how Strata runs the "
                + "revision: its transaction mode (`-- strata:transactional false`), Strata's own `lock_timeout` and "
                + "retries, and the tables the revision itself created (those hold no data yet, so the rules about "
                + "existing data skip them).\n\n");
        b.append("Configure in `strata.toml`:\n\n```toml\n[lint]\nfail_on = \"error\"      # info | warning | error: "
                + "findings at or above it make `strata lint` exit 4\n[lint.rules]\nSA001 = \"warning\"       # off | info"
                + " | warning | error (a rule's id or its name)\nSA077 = \"warning\"       # opt-in rules are off until "
                + "given a severity\n```\n\n");
        b.append("Suppress one finding in the revision file, on the line(s) right before the statement, with a reason:\n\n"
                + "```sql\n-- strata:allow SA001 lookup table of 12 rows, rebuilt nightly\nCREATE INDEX countries_code ON "
                + "countries (code);\n```\n\nA suppression without a reason, naming no known rule, or suppressing "
                + "nothing is itself a finding (SA900, SA901). Suppressions are listed in the report. A suppression "
                + "line is part of the revision's text, so adding one to an applied revision changes its checksum: "
                + "suppress before the revision is applied.\n\n");
        b.append("## Rules\n\n| id | name | default | what |\n|---|---|---|---|\n");
        for (RuleInfo r : rules) {
            b.append("| [").append(r.id()).append("](#").append(r.anchor()).append(") | `").append(r.name())
                    .append("` | ").append(r.optIn() ? "off (opt-in)" : r.severity().label()).append(" | ")
                    .append(r.title().replace("|", "\\|")).append(" |\n");
        }
        b.append("\n## squawk rules and their Strata rules\n\n"
                + "Every rule of squawk's registry (squawk-linter `Rule`, plus rules added in its later releases) "
                + "maps to a Strata rule:\n\n| squawk | Strata |\n|---|---|\n");
        Map<String, List<String>> squawk = new TreeMap<>();
        for (RuleInfo r : rules) {
            for (String s : r.squawk()) {
                squawk.computeIfAbsent(s, k -> new ArrayList<>()).add(r.id());
            }
        }
        squawk.forEach((s, ids) -> b.append("| `").append(s).append("` | ").append(String.join(", ", ids)).append(" |\n"));
        for (RuleInfo r : rules) {
            b.append("\n<a id=\"").append(r.anchor()).append("\"></a>\n## ").append(r.id()).append(" ")
                    .append(r.name()).append("\n\n");
            b.append("Default severity: ").append(r.optIn() ? "off (opt-in)" : r.severity().label());
            if (!r.squawk().isEmpty()) {
                b.append(". squawk: ").append(String.join(", ", r.squawk().stream().map(s -> "`" + s + "`").toList()));
            }
            b.append(".\n\n**What:** ").append(r.title()).append(".\n\n**Why:** ").append(r.why()).append("\n\n");
            b.append("**Instead:** ").append(r.fix()).append("\n\n");
            if (!r.strataWay().isEmpty()) {
                b.append("**In Strata:** ").append(r.strataWay()).append("\n\n");
            }
            Path dir = LintFixtures.DIR.resolve(r.id());
            b.append("Flagged:\n\n```sql\n").append(example(dir.resolve("bad_1.sql"))).append("```\n\n");
            String finding = Files.readString(dir.resolve("bad_1.findings"), StandardCharsets.UTF_8);
            b.append("```\n").append(finding).append("```\n\n");
            b.append("Not flagged:\n\n```sql\n").append(example(dir.resolve("good_1.sql"))).append("```\n");
        }
        return b.toString();
    }

    private static String example(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.startsWith("-- strata:revision")) {
            text = "-- strata:revision fixture\n-- strata:upgrade\n" + text.stripTrailing() + "\n-- strata:downgrade\n";
        }
        return text.replace("\n-- fixture:next\n", "\n-- (next revision)\n");
    }
}
