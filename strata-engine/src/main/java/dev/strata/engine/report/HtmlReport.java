package dev.strata.engine.report;

import java.util.List;

/**
 * A {@link MigrationReport} as one self-contained HTML page: inline CSS, the ER diagram as inline SVG, no
 * scripts, fonts, images or links to fetch, so it opens offline and can be kept as a CI artifact. A
 * Content-Security-Policy meta tag forbids scripts and every network load, as a second line of defence.
 *
 * <p>Every text from revisions, the history table or the database is HTML-escaped ({@code & < > " '}); the
 * SVG comes from the engine's own renderer, which escapes the names it draws.
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
            header{background:#0d1117;color:#f0f6fc;padding:16px 24px}
            header h1{margin:0 0 4px;font-size:20px}
            header p{margin:0;color:#9198a1}
            main{padding:8px 24px 32px;max-width:1200px}
            h2{border-bottom:1px solid #d1d9e0;padding-bottom:4px;margin-top:28px;font-size:17px}
            h3{font-size:15px;margin:20px 0 6px}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
            .card{border:1px solid #d1d9e0;border-radius:6px;padding:10px 14px;min-width:150px}
            .card b{display:block;font-size:20px}
            .bad{color:#cf222e}.ok{color:#1a7f37}.warn{color:#9a6700}
            table{border-collapse:collapse;width:100%;margin:8px 0}
            th,td{border:1px solid #d1d9e0;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            tr.failed td{background:#ffebe9}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            pre{background:#f6f8fa;border:1px solid #d1d9e0;border-radius:6px;padding:10px;overflow:auto;white-space:pre-wrap}
            ul.findings li{margin:2px 0}
            .tag{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;border:1px solid #d1d9e0}
            .diagram{overflow:auto;border:1px solid #d1d9e0;border-radius:6px;padding:8px}
            """;

    private HtmlReport() {
    }

    public static String render(MigrationReport r) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
                        + " 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Strata migration report: ").append(esc(r.database())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header><h1>Strata migration report</h1><p>Database <code>").append(esc(r.database()))
                .append("</code> · environment <code>").append(esc(r.environment())).append("</code> · generated ")
                .append(esc(r.generatedAt())).append("</p></header>\n<main>\n");

        MigrationReport.Lint l = r.lint();
        b.append("<section class=\"cards\" id=\"summary\">\n");
        card(b, "Current", ids(r.current(), "base"), "");
        card(b, "Heads", ids(r.heads(), "none"), "");
        card(b, "Pending", String.valueOf(r.pending().size()), r.pending().isEmpty() ? "ok" : "warn");
        card(b, "Lint", l.failing() == 0 ? "passes" : l.failing() + " failing", l.failing() == 0 ? "ok" : "bad");
        card(b, "Failures in history", String.valueOf(r.failures()), r.failures() == 0 ? "ok" : "bad");
        card(b, "Tables at the heads", String.valueOf(r.diagram().tables()), "");
        b.append("</section>\n");
        b.append("<p>Lint: ").append(l.errors()).append(" error(s), ").append(l.warnings()).append(" warning(s), ")
                .append(l.infos()).append(" info, ").append(l.suppressed()).append(" suppressed; failing at ")
                .append(esc(l.failOn())).append(" and above.</p>\n");

        b.append("<h2 id=\"pending\">Pending revisions</h2>\n");
        if (r.pending().isEmpty()) {
            b.append("<p class=\"ok\">None: the database is at the heads.</p>\n");
        }
        for (MigrationReport.Pending p : r.pending()) {
            b.append("<section class=\"revision\">\n<h3><code>").append(esc(p.revision())).append("</code> ")
                    .append(esc(p.message())).append("</h3>\n<p><code>").append(esc(p.file())).append("</code> ")
                    .append(p.transactional() ? "<span class=\"tag\">transactional</span>"
                            : "<span class=\"tag warn\">not transactional</span>");
            if (p.destructive() != null) {
                b.append(" <span class=\"tag bad\">destructive</span> ").append(esc(p.destructive()));
            }
            if (p.irreversible() != null) {
                b.append(" <span class=\"tag warn\">irreversible</span> ").append(esc(p.irreversible()));
            }
            b.append("</p>\n");
            if (p.findings().isEmpty()) {
                b.append("<p class=\"ok\">No lint findings.</p>\n");
            } else {
                b.append("<ul class=\"findings\">\n");
                for (MigrationReport.LintFinding f : p.findings()) {
                    String cls = f.suppressed() != null ? "" : f.severity().equals("error") ? "bad" : "warn";
                    b.append("<li><span class=\"tag ").append(cls).append("\">").append(esc(f.severity()))
                            .append("</span> <code>").append(esc(f.rule())).append("</code> ").append(esc(f.name()))
                            .append(" at <code>").append(esc(f.location())).append("</code>: ").append(esc(f.message()));
                    if (!f.impact().isEmpty()) {
                        b.append(" — ").append(esc(f.impact()));
                    }
                    if (f.suppressed() != null) {
                        b.append(" <em>(allowed: ").append(esc(f.suppressed())).append(")</em>");
                    }
                    b.append("</li>\n");
                }
                b.append("</ul>\n");
            }
            b.append("<pre><code>").append(esc(String.join("\n\n", p.sql()))).append("</code></pre>\n</section>\n");
        }

        b.append("<h2 id=\"schema\">Schema changes</h2>\n");
        if (r.pending().isEmpty()) {
            b.append("<p>None.</p>\n");
        } else {
            b.append("<p>From ").append(ids(r.schema().from(), "base")).append(" to ").append(ids(r.schema().to(), "base"))
                    .append(":</p>\n<ul>\n");
            for (String c : r.schema().changes()) {
                b.append("<li>").append(esc(c)).append(r.schema().destructive().contains(c)
                        ? " <span class=\"tag bad\">destructive</span>" : "").append("</li>\n");
            }
            for (String u : r.schema().unsupported()) {
                b.append("<li>").append(esc(u)).append("</li>\n");
            }
            if (r.schema().changes().isEmpty() && r.schema().unsupported().isEmpty()) {
                b.append("<li>no change to tables, indexes or other objects</li>\n");
            }
            b.append("</ul>\n");
        }

        b.append("<h2 id=\"history\">History</h2>\n");
        if (r.history().isEmpty()) {
            b.append("<p>The history table is empty.</p>\n");
        } else {
            b.append("<table>\n<thead><tr><th>Started</th><th>Action</th><th>Revision</th><th>Status</th><th>Time</th>"
                    + "<th>By</th><th>Error</th></tr></thead>\n<tbody>\n");
            for (StatusReports.AuditEntry h : r.history()) {
                boolean failed = !"ok".equals(h.status());
                b.append(failed ? "<tr class=\"failed\">" : "<tr>").append("<td>").append(esc(h.startedAt()))
                        .append("</td><td>").append(esc(h.action())).append("</td><td><code>").append(esc(h.revision()))
                        .append("</code></td><td").append(failed ? " class=\"bad\"" : "").append('>')
                        .append(esc(h.status())).append("</td><td>")
                        .append(h.executionMs() == null ? "" : h.executionMs() + " ms").append("</td><td>")
                        .append(esc(h.appliedBy())).append("</td><td>").append(esc(h.error())).append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
            if (r.historyTotal() > r.history().size()) {
                b.append("<p>The newest ").append(r.history().size()).append(" of ").append(r.historyTotal())
                        .append(" rows.</p>\n");
            }
        }

        b.append("<h2 id=\"diagram\">Schema diagram</h2>\n");
        if (r.diagram().tables() == 0) {
            b.append("<p>No tables.</p>\n");
        } else {
            b.append("<div class=\"diagram\">\n").append(inlineSvg(r.diagram().svg())).append("</div>\n");
        }
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void card(StringBuilder b, String label, String valueHtml, String cls) {
        b.append("<div class=\"card\"><span>").append(esc(label)).append("</span><b class=\"").append(cls).append("\">")
                .append(valueHtml).append("</b></div>\n");
    }

    private static String ids(List<String> ids, String none) {
        return ids.isEmpty() ? esc(none)
                : String.join(", ", ids.stream().map(id -> "<code>" + esc(id) + "</code>").toList());
    }

    /** The renderer's SVG document without its XML declaration, as an element of the page. */
    private static String inlineSvg(String svg) {
        String s = svg.strip();
        if (s.startsWith("<?xml")) {
            s = s.substring(s.indexOf("?>") + 2).strip();
        }
        return s + "\n";
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
