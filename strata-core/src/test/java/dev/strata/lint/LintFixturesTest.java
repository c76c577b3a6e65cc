package dev.strata.lint;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every {@code fixtures/lint/<RULE>/<case>.sql} is linted and the rule's findings compared with the
 * {@code <case>.findings} golden file next to it; {@code bad_*} cases must have findings, {@code good_*} none above info (a
 * declared {@code destructive} revision keeps its data-loss findings, at info). The fixtures of the observed-only
 * rules (SA950...) are checked by strata-engine's ObservedFixturesTest.
 * Run with {@code -Dgolden.update=true} to rewrite the golden files, then review the diff.
 */
class LintFixturesTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.walk(LintFixtures.DIR)) {
            inputs = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        return inputs.stream().map(input -> DynamicTest.dynamicTest(
                LintFixtures.DIR.relativize(input).toString(), () -> check(input)));
    }

    private static void check(Path input) throws IOException {
        String rule = input.getParent().getFileName().toString();
        String actual = LintFixtures.findings(input, rule);
        String name = input.getFileName().toString();
        if (ObservedRules.isObserved(rule)) {
            // observed-only rules never fire statically; strata-engine's ObservedFixturesTest replays these
            // fixtures and owns their golden files
            assertThat(actual).as(rule + " is observed only").isEmpty();
            return;
        }
        if (name.startsWith("bad_")) {
            assertThat(actual).as("a bad case must trigger " + rule).isNotEmpty();
        } else {
            assertThat(actual.lines().filter(l -> !l.contains(" info " + rule + ":")).toList())
                    .as("a good case must not trigger " + rule + " above info").isEmpty();
        }
        Path golden = input.resolveSibling(name.replaceAll("\\.sql$", ".findings"));
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("missing " + golden + ": run the tests with -Dgolden.update=true and review the new file");
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void everyRuleHasThreeBadAndTwoGoodCases() throws IOException {
        for (RuleInfo rule : RuleSet.infos()) {
            Path dir = LintFixtures.DIR.resolve(rule.id());
            assertThat(dir).as("fixtures for " + rule.id()).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).toList();
                assertThat(names.stream().filter(n -> n.startsWith("bad_")).count()).as(rule.id() + " bad cases")
                        .isGreaterThanOrEqualTo(3);
                assertThat(names.stream().filter(n -> n.startsWith("good_")).count()).as(rule.id() + " good cases")
                        .isGreaterThanOrEqualTo(2);
            }
        }
    }
}
