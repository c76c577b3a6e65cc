package dev.strata.sql;

import dev.strata.model.ObjectName;
import dev.strata.op.QualifiedName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one identifier-quoting function, with hostile names; every other quoting place goes through it. */
class SqlTextTest {
    static final List<String> HOSTILE = List.of(
            "\"; DROP TABLE x; --", "Mixed\"Case", "\"", "\"\"", "a.b", "select", "user", "ünï cödé 表",
            "a'b;c/*", "$strata$", "x$$y", "tab\there", "new\nline", "Upper", "9lives");

    @Test
    void identAlwaysQuotesAndDoublesInnerQuotes() {
        assertThat(SqlText.ident("orders")).isEqualTo("\"orders\"");
        assertThat(SqlText.ident("Mixed\"Case")).isEqualTo("\"Mixed\"\"Case\"");
        assertThat(SqlText.ident("\"; DROP TABLE x; --")).isEqualTo("\"\"\"; DROP TABLE x; --\"");
        for (String name : HOSTILE) {
            String q = SqlText.ident(name);
            assertThat(q).as(name).startsWith("\"").endsWith("\"");
            assertThat(unquote(q)).as(name).isEqualTo(name);
            assertThat(SqlSplitter.split("SELECT 1 AS " + q, 1)).as(name).hasSize(1);
        }
        assertThatThrownBy(() -> SqlText.ident("")).hasMessage("empty identifier");
        assertThatThrownBy(() -> SqlText.ident("a\0b")).hasMessage("identifier contains a NUL character");
    }

    @Test
    void identAsPrintedLeavesOnlyPlainLowerCaseNonReservedNamesBare() {
        assertThat(SqlText.identAsPrinted("line_items2")).isEqualTo("line_items2");
        assertThat(SqlText.identAsPrinted("_x")).isEqualTo("_x");
        for (String name : HOSTILE) {
            assertThat(SqlText.identAsPrinted(name)).as(name).isEqualTo(SqlText.ident(name));
        }
    }

    @Test
    void modelAndOpNamesQuoteThroughSqlText() {
        for (String name : HOSTILE) {
            assertThat(new ObjectName("app", name).quoted()).isEqualTo("app." + SqlText.ident(name));
            assertThat(QualifiedName.of("app", name).sql()).isEqualTo("\"app\"." + SqlText.ident(name));
            ObjectName odd = new ObjectName(name, "t");
            assertThat(ObjectName.parse(odd.toString())).as(name).isEqualTo(odd);
        }
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
    }
}
