package dev.strata.script;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionTemplateTest {
    private static final RevisionId ID = RevisionId.of("20251115_093012");

    @Test
    void rendersAllHeaderFieldsAndParsesBackOnceSqlIsWritten() {
        String text = RevisionTemplate.render(ID, List.of(RevisionId.of("20251110_120000")),
                "Add signal\nconfidence index", List.of("signals"), List.of(RevisionId.of("dep_1")), false);
        assertThat(text).startsWith("""
                -- strata:revision 20251115_093012
                -- strata:parents 20251110_120000
                -- strata:message Add signal confidence index
                -- strata:branch-labels signals
                -- strata:depends-on dep_1
                -- strata:transactional false

                -- strata:upgrade
                """);
        String written = text.replace(RevisionTemplate.UPGRADE_PLACEHOLDER,
                "CREATE INDEX CONCURRENTLY idx ON signals (confidence);");
        SqlMigration m = ScriptParser.parse("f.sql", written);
        assertThat(m.revision().id()).isEqualTo(ID);
        assertThat(m.revision().parents()).containsExactly(RevisionId.of("20251110_120000"));
        assertThat(m.revision().message()).isEqualTo("Add signal confidence index");
        assertThat(m.revision().branchLabels()).containsExactly("signals");
        assertThat(m.revision().dependsOn()).containsExactly(RevisionId.of("dep_1"));
        assertThat(m.transactional()).isFalse();
        assertThat(m.upgrade()).hasSize(1);
        assertThat(m.downgrade()).hasValue(List.of());
    }

    @Test
    void rendersARootWithDefaults() {
        String text = RevisionTemplate.render(ID, List.of(), "", List.of(), List.of(), true);
        assertThat(text).startsWith("-- strata:revision 20251115_093012\n-- strata:parents base\n\n-- strata:upgrade\n");
        SqlMigration m = ScriptParser.parse("f.sql", text.replace(RevisionTemplate.UPGRADE_PLACEHOLDER, "SELECT 1;"));
        assertThat(m.revision().isRoot()).isTrue();
        assertThat(m.transactional()).isTrue();
    }

    @Test
    void anUntouchedTemplateLoadsWithAnEmptyUpgrade() {
        // the runner refuses to apply it (RunnerTest); loading it keeps heads, history and revision working
        String text = RevisionTemplate.render(ID, List.of(RevisionId.of("p")), "x", List.of(), List.of(), true);
        SqlMigration m = ScriptParser.parse("f.sql", text);
        assertThat(m.upgrade()).isEmpty();
        assertThat(m.downgrade()).hasValue(List.of());
    }

    @Test
    void mergeParsesAsItIs() {
        List<RevisionId> parents = List.of(RevisionId.of("a"), RevisionId.of("b"));
        SqlMigration m = ScriptParser.parse("f.sql", RevisionTemplate.renderMerge(ID, parents, "merge a and b"));
        assertThat(m.revision().parents()).isEqualTo(parents);
        assertThat(m.revision().message()).isEqualTo("merge a and b");
        assertThat(m.upgrade()).isEmpty();
        assertThat(m.downgrade()).hasValue(List.of());
        assertThatThrownBy(() -> RevisionTemplate.renderMerge(ID, List.of(RevisionId.of("a")), "m"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileNameIsIdAndSlug() {
        assertThat(RevisionTemplate.fileName(ID, "Add signal confidence index"))
                .isEqualTo("20251115_093012_add_signal_confidence_index.sql");
        assertThat(RevisionTemplate.fileName(ID, "  Créer l'index « géo »!  "))
                .isEqualTo("20251115_093012_creer_l_index_geo.sql");
        assertThat(RevisionTemplate.fileName(ID, "")).isEqualTo("20251115_093012.sql");
        assertThat(RevisionTemplate.fileName(ID, "***")).isEqualTo("20251115_093012.sql");
        assertThat(RevisionTemplate.fileName(ID, null)).isEqualTo("20251115_093012.sql");
        String slug = RevisionTemplate.slug("add a very long message describing the backfill of every signal row");
        assertThat(slug).hasSizeLessThanOrEqualTo(40).isEqualTo("add_a_very_long_message_describing_the");
        assertThat(RevisionTemplate.slug("x".repeat(60))).hasSize(40);
        // whole words only (issue 9, item 19): "aggregate" and "(contract)" are dropped, never cut
        assertThat(RevisionTemplate.slug("Signals: hourly rollup as a continuous aggregate"))
                .isEqualTo("signals_hourly_rollup_as_a_continuous");
        assertThat(RevisionTemplate.slug("Rename customer ident to reference (contract)"))
                .isEqualTo("rename_customer_ident_to_reference");
        assertThat(RevisionTemplate.slug("Partitioned table with extraordinarily_long_words (contract)"))
                .isEqualTo("partitioned_table_with_extraordinarily");
        // the id's own words are not repeated
        assertThat(RevisionTemplate.fileName(dev.strata.graph.RevisionId.of("001_baseline"), "Baseline current schema"))
                .isEqualTo("001_baseline_current_schema.sql");
        assertThat(RevisionTemplate.fileName(dev.strata.graph.RevisionId.of("002"), "Add orders"))
                .isEqualTo("002_add_orders.sql");
    }

    @Test
    void newIdIsASortableUtcTimestamp() {
        Instant t = Instant.parse("2025-11-15T09:30:12.999Z");
        assertThat(RevisionTemplate.newId(t)).isEqualTo(ID);
        assertThat(RevisionTemplate.newId(t, Set.of())).isEqualTo(ID);
        assertThat(RevisionTemplate.newId(t, Set.of(ID))).isEqualTo(RevisionId.of("20251115_093012_2"));
        assertThat(RevisionTemplate.newId(t, Set.of(ID, RevisionId.of("20251115_093012_2"))))
                .isEqualTo(RevisionId.of("20251115_093012_3"));
        assertThat(RevisionTemplate.newId(Instant.parse("2025-11-15T09:30:13Z")).compareTo(
                RevisionTemplate.newId(t, Set.of(ID)))).isPositive();
    }
}
