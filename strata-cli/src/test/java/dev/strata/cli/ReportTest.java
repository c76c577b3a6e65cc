package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code strata report} against a real database with an applied revision, a failure in the history and a
 * pending revision whose message and SQL try to inject HTML and Markdown: the Markdown, the JSON (against its
 * schema) and the HTML page, opened in a real headless Chromium (it renders, the diagram is drawn with a size,
 * no console errors, nothing injected).
 */
class ReportTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static final String EVIL = "<script>alert('x')</script> & | *bold* [link](http://example.com) ```";

    @Test
    void markdownJsonAndHtmlInABrowser() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("r1", null, "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);", "DROP TABLE users;");
        cli.simple("r2", "r1", "CREATE TABLE orders (id bigint PRIMARY KEY);\nSELECT 1/0;", "DROP TABLE orders;");
        Cli.Result failed = cli.run("upgrade", "head");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCode.FAILURE);
        cli.revision("r2.sql", "-- strata:revision r2\n-- strata:parents r1\n-- strata:message " + EVIL + "\n\n"
                + "-- strata:upgrade\n"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id),\n"
                + "    note text DEFAULT '</code></pre><img src=x onerror=alert(1)> ```');\n"
                + "CREATE INDEX users_email_idx ON users (email);\n\n"
                + "-- strata:downgrade\nDROP INDEX users_email_idx;\nDROP TABLE orders;\n");

        Cli.Result md = cli.run("report", "-o", "report.md", "--dev-url", db.adminJdbcUrl());
        assertThat(md.code()).as(md.toString()).isEqualTo(ExitCode.OK);
        assertThat(md.err()).contains("wrote report.md (1 pending revision(s)");
        String m = Files.readString(dir.resolve("report.md"));
        assertThat(m).startsWith("## Strata migration report\n")
                .contains("| Current | `r1` |").contains("| Heads | `r2` |").contains("| Pending revisions | 1 |")
                .contains("#### `r2` &lt;script&gt;alert\\('x'\\)&lt;/script&gt; &amp; \\| \\*bold\\* \\[link\\]\\(http://example.com\\) \\`\\`\\`")
                .contains("````sql\nCREATE TABLE orders").contains("CREATE INDEX users_email_idx ON users (email);\n````")
                .contains("```mermaid\nerDiagram").contains("orders").contains("users")
                .contains("| **failed** |").contains("division by zero");
        // outside code blocks (where GitHub shows text literally) no HTML from the revision survives
        String outsideCode = m.replaceAll("(?s)(`{3,})(sql|mermaid)\n.*?\n\\1\n", "");
        assertThat(outsideCode).doesNotContain("<script").doesNotContain("<img").doesNotContain("CREATE TABLE");
        assertThat(m).containsPattern("- \\*\\*(error|warning)\\*\\* `SA\\d+`");
        assertThat(m).contains("### Schema changes").containsPattern("- [^\\n]*orders");

        // one run: the HTML page to the file, the report as JSON on standard output
        Cli.Result html = cli.run("report", "--html", "-o", "out/report.html", "--json", "--dev-url", db.adminJdbcUrl());
        assertThat(html.code()).as(html.toString()).isEqualTo(ExitCode.OK);
        JsonNode doc = SchemaCheck.parse(html.out());
        assertThat(SchemaCheck.violations(SchemaCheck.schema("report.schema.json"), doc)).isEmpty();
        List<String> fields = new ArrayList<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("format_version", "generated_at", "database", "environment", "current", "heads",
                "pending", "lint", "schema", "history", "history_total", "failures", "diagram");
        assertThat(doc.get("pending").get(0).get("message").asText()).isEqualTo(EVIL);
        assertThat(doc.get("failures").asInt()).isEqualTo(1);
        assertThat(doc.get("diagram").get("tables").asInt()).isEqualTo(2);
        assertThat(doc.get("diagram").get("source").asText()).isEqualTo("chain");

        Path page = dir.resolve("out/report.html");
        String h = Files.readString(page);
        assertThat(h).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script").doesNotContain("<img")
                .doesNotContain("<?xml").doesNotContainPattern("(?i)(src|href)=\"?(https?:)?//");

        try (HeadlessBrowser browser = HeadlessBrowser.launch()) {
            browser.open(page);
            JsonNode facts = browser.evaluate("(() => { const svg = document.querySelector('#diagram + .diagram svg');"
                    + " const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};"
                    + " return {title: document.title, svgWidth: box.width, svgHeight: box.height,"
                    + " tables: svg ? svg.querySelectorAll('g.table').length : 0,"
                    + " scripts: document.scripts.length, images: document.images.length,"
                    + " heading: document.querySelector('h3').textContent,"
                    + " historyRows: document.querySelectorAll('#history + table tbody tr').length,"
                    + " failedRows: document.querySelectorAll('tr.failed').length,"
                    + " bodyHeight: document.body.scrollHeight}; })()");
            assertThat(browser.errors()).isEmpty();
            assertThat(facts.get("svgWidth").asDouble()).as(facts.toString()).isGreaterThan(100);
            assertThat(facts.get("svgHeight").asDouble()).as(facts.toString()).isGreaterThan(50);
            assertThat(facts.get("tables").asInt()).isEqualTo(2);
            assertThat(facts.get("scripts").asInt()).isZero();
            assertThat(facts.get("images").asInt()).isZero();
            assertThat(facts.get("heading").asText()).isEqualTo("r2 " + EVIL);
            assertThat(facts.get("historyRows").asInt()).isEqualTo(2);
            assertThat(facts.get("failedRows").asInt()).isEqualTo(1);
            assertThat(facts.get("bodyHeight").asInt()).isGreaterThan(400);
            byte[] png = browser.screenshot();
            assertThat(png.length).isGreaterThan(1000);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "report-screenshot.png"), png);
        }

        // up to date: nothing pending, the diagram drawn from the database, no scratch database needed
        Cli.Result up = cli.run("upgrade", "head", "--allow", "SA001");
        assertThat(up.code()).as(up.toString()).isEqualTo(ExitCode.OK);
        Cli.Result done = cli.run("report");
        assertThat(done.code()).as(done.toString()).isEqualTo(ExitCode.OK);
        assertThat(done.out()).contains("| Pending revisions | 0 |").contains("None: the database is at the heads.")
                .contains("```mermaid").contains("| upgrade | `r2` | ok |");
    }
}
