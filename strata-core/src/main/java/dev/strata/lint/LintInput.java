package dev.strata.lint;

import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.script.JavaMigrationScript;
import dev.strata.script.MigrationScript;
import dev.strata.script.SqlMigration;
import dev.strata.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One revision as the linter reads it.
 *
 * @param file          where it comes from, for locations
 * @param transactional whether Strata runs it inside one transaction
 * @param destructive   the header's {@code destructive} reason, or null
 * @param irreversible  whether it is declared irreversible
 * @param upgrade       the upgrade statements with their lines
 * @param downgrade     the downgrade statements; empty when irreversible
 * @param text          the file's text, for {@code -- strata:allow} lines; null for a Java revision
 * @param hasLines      false for Java revisions, whose statements have no line in a file; the linter uses them
 *                      for chain facts only (their ops render the online forms, and their hazards are the
 *                      renderer's business)
 * @param deferred      lines of upgrade statements under {@code -- strata:defer-until-rows}: IVFFlat builds the
 *                      runner makes after the revision commits, once the table has rows, concurrently
 */
public record LintInput(String file, boolean transactional, String destructive, boolean irreversible,
                        List<SqlStatement> upgrade, List<SqlStatement> downgrade, String text, boolean hasLines,
                        java.util.Set<Integer> deferred) {
    public LintInput {
        Objects.requireNonNull(file, "file");
        upgrade = List.copyOf(upgrade);
        downgrade = List.copyOf(downgrade);
        deferred = deferred == null ? java.util.Set.of() : java.util.Set.copyOf(deferred);
    }

    /** Without deferred builds. */
    public LintInput(String file, boolean transactional, String destructive, boolean irreversible,
                     List<SqlStatement> upgrade, List<SqlStatement> downgrade, String text, boolean hasLines) {
        this(file, transactional, destructive, irreversible, upgrade, downgrade, text, hasLines, java.util.Set.of());
    }

    /** A revision with its file text ({@code null} when there is none, as for Java revisions). */
    public static LintInput of(MigrationScript script, String text) {
        if (script instanceof SqlMigration m) {
            return new LintInput(m.location(), m.transactional(), m.destructive(), m.irreversible() != null,
                    m.upgrade(), m.downgrade().orElse(List.of()), text, true, m.deferredBuilds().keySet());
        }
        JavaMigrationScript j = (JavaMigrationScript) script;
        return new LintInput(j.location(), j.transactional(), j.destructiveReason().orElse(null),
                j.irreversibleReason().isPresent(), rendered(j.upgradePlan()),
                rendered(j.downgradePlan().orElse(List.of())), null, false);
    }

    private static List<SqlStatement> rendered(List<Statement> plan) {
        List<SqlStatement> out = new ArrayList<>();
        for (Statement s : plan) {
            if (s.tx() != Tx.BATCHED && !s.sql().isBlank()) {
                out.add(new SqlStatement(s.sql(), 1));
            }
        }
        return out;
    }
}
