package dev.strata.op;

import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every op, with table and column names full of quotes, semicolons, comment markers, dollar quotes,
 * mixed case, reserved words and non-ASCII: each rendered statement stays exactly one statement and
 * carries the names quoted.
 */
class HostileIdentifierTest {
    private static final List<String> HOSTILE = List.of(
            "\"; DROP TABLE x; --",
            "Mixed\"Case",
            "select",
            "ünï cödé 表",
            "a'b;c/*",
            "$strata$",
            "x$$y",
            "a very long name that goes on and on beyond the sixty three bytes limit of postgres");

    @Test
    void everyOpRendersHostileNamesAsOneQuotedStatement() {
        for (String t : HOSTILE) {
            for (String c : HOSTILE) {
                for (Map.Entry<String, Op> e : OpSamples.all(t, c).entrySet()) {
                    if (e.getValue() instanceof RawSql) {
                        continue;
                    }
                    List<Statement> statements = Renderer.render(e.getValue());
                    String all = String.join("\n", statements.stream().map(Statement::sql).toList())
                            + statements.stream().filter(s -> s.tx() == Tx.BATCHED)
                            .map(s -> s.backfill().table() + s.backfill().assignments()).reduce("", String::concat);
                    String where = e.getKey() + " with " + t + " / " + c;
                    if (!(e.getValue() instanceof CreateExtension || e.getValue() instanceof DropExtension)) {
                        assertThat(all).as(where).containsAnyOf(quotedStart(t), quotedStart(c));
                    }
                    for (Statement s : statements) {
                        if (s.tx() == Tx.BATCHED) {
                            assertThat(s.backfill().table()).as(where).startsWith("\"public\".");
                            continue;
                        }
                        assertThat(SqlSplitter.split(s.sql(), 1)).as(where + ": " + s.sql()).hasSize(1);
                    }
                }
            }
        }
    }

    /** The opening of the quoted name (derived names such as {@code "c_idx"} share it). */
    private static String quotedStart(String name) {
        String q = SqlText.ident(name);
        return q.substring(0, Math.min(q.length() - 1, 12));
    }

    @Test
    void derivedNamesFitPostgresLimitAndStayDistinct() {
        String longName = "x".repeat(80);
        String a = Names.derived(longName, "a");
        String b = Names.derived(longName, "b");
        assertThat(a.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(a).isNotEqualTo(b);
        assertThat(Names.derived("表".repeat(40), "c").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    }

    @Test
    void dollarQuoteNeverClosesInsideTheBody() {
        for (String body : List.of("plain", "has $strata$ inside", "ends with $strata", "$strata1$ and $strata$")) {
            String q = SqlText.dollarQuoted(body);
            String tag = q.substring(0, q.indexOf('$', 1) + 1);
            assertThat(q.indexOf(tag, tag.length())).as(body).isEqualTo(tag.length() + body.length());
        }
    }
}
