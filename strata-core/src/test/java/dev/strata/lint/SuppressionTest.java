package dev.strata.lint;

import dev.strata.error.StrataException;
import dev.strata.script.ScriptParser;
import dev.strata.script.SqlMigration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuppressionTest {
    private static final String FILE = """
            -- strata:revision r1
            -- strata:upgrade
            -- strata:allow SA001 orders holds 40 rows
            CREATE INDEX i ON orders (x);
            CREATE INDEX j ON orders (y);
            -- strata:downgrade
            -- strata:allow SA002 the index is tiny
            DROP INDEX j;
            """;

    @Test
    void allowLineInsideABodyIsAcceptedAndSuppressesOnlyTheNextStatement() {
        SqlMigration m = ScriptParser.parse("r1.sql", FILE);
        assertThat(m.upgrade()).hasSize(2);
        LintReport report = new Linter(LintOptions.DEFAULTS).lint(List.of(LintInput.of(m, FILE)));
        assertThat(report.findings()).extracting(f -> f.rule().id() + "@" + f.location().line() + ":" + f.isSuppressed())
                .containsExactly("SA001@4:true", "SA001@5:false", "SA002@8:true");
        assertThat(report.findings().get(0).suppressed()).isEqualTo("orders holds 40 rows");
        assertThat(report.suppressions()).hasSize(2);
        assertThat(report.failing(Severity.ERROR)).hasSize(1);
    }

    @Test
    void withoutTheDowngradesTheUpgradeFindingsAreTheSameAndADowngradeAllowIsNotUnused() {
        SqlMigration m = ScriptParser.parse("r1.sql", FILE);
        List<LintInput> chain = List.of(LintInput.of(m, FILE));
        LintReport all = new Linter(LintOptions.DEFAULTS).lint(chain, in -> true, true);
        LintReport upgrades = new Linter(LintOptions.DEFAULTS).lint(chain, in -> true, false);
        assertThat(upgrades.findings()).extracting(f -> f.rule().id() + "@" + f.location().line() + ":" + f.isSuppressed())
                .containsExactly("SA001@4:true", "SA001@5:false");
        assertThat(upgrades.findings()).containsExactlyElementsOf(all.findings().stream().filter(f -> !f.downgrade())
                .toList());
        // an allow that suppresses nothing in the upgrade is still reported
        String unused = FILE.replace("CREATE INDEX j", "-- strata:allow SA002 not here\nCREATE INDEX j");
        SqlMigration u = ScriptParser.parse("r1.sql", unused);
        assertThat(new Linter(LintOptions.DEFAULTS).lint(List.of(LintInput.of(u, unused)), in -> true, false).findings())
                .anyMatch(f -> f.rule().id().equals("SA901"));
    }

    @Test
    void allowLineInTheHeaderIsStillAnUnknownHeaderKey() {
        assertThatThrownBy(() -> ScriptParser.parse("r1.sql", "-- strata:revision r1\n-- strata:allow SA001 x\n"
                + "-- strata:upgrade\nSELECT 1;\n-- strata:downgrade\n"))
                .isInstanceOf(StrataException.class).hasMessageContaining("r1.sql:2");
    }

    @Test
    void strataLockTimeoutOffMakesStrongLocksAFinding() {
        SqlMigration m = ScriptParser.parse("r1.sql", "-- strata:revision r1\n-- strata:upgrade\n"
                + "ALTER TABLE orders ADD COLUMN n text;\n-- strata:downgrade\n");
        LintReport withTimeout = new Linter(LintOptions.DEFAULTS).lint(List.of(LintInput.of(m, null)));
        LintReport without = new Linter(LintOptions.DEFAULTS.withLockTimeout(java.time.Duration.ZERO))
                .lint(List.of(LintInput.of(m, null)));
        assertThat(withTimeout.findings()).noneMatch(f -> f.rule().id().equals("SA042"));
        assertThat(without.findings()).anyMatch(f -> f.rule().id().equals("SA042")
                && f.what().contains("no lock_timeout is configured"));
    }

    @Test
    void everyRuleIdIsUniqueAndNamesResolve() {
        assertThat(RuleSet.infos()).extracting(RuleInfo::id).doesNotHaveDuplicates();
        assertThat(RuleSet.resolve("require-concurrent-index-creation", "test")).isEqualTo("SA001");
        assertThat(RuleSet.resolve("sa030", "test")).isEqualTo("SA030");
        assertThatThrownBy(() -> RuleSet.resolve("SA0001", "strata.toml [lint.rules]"))
                .hasMessageContaining("strata.toml [lint.rules]: unknown lint rule 'SA0001'");
    }
}
