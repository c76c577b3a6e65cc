package dev.strata.engine.report;

import java.util.List;

/**
 * A {@link MigrationReport} as GitHub-flavoured Markdown, ready to post as a pull-request comment: a summary
 * table, the pending revisions with their lint findings and SQL (folded in {@code <details>}), the schema
 * changes, the history and the ER diagram as a Mermaid block (GitHub draws it).
 *
 * <p>Everything that comes from revisions or the database is escaped: text has HTML's {@code <>&} turned into
 * entities and Markdown's punctuation backslash-escaped, table cells have {@code |} escaped, and code blocks use
 * a fence longer than any run of backticks inside them, so a revision message or statement cannot inject markup,
 * HTML or close its block.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(MigrationReport r) {
        StringBuilder b = new StringBuilder();
        b.append("## Strata migration report\n\n");
        b.append("Database ").append(code(r.database())).append(" · environment ").append(code(r.environment()))
                .append(" · generated ").append(text(r.generatedAt())).append("\n\n");
        b.append("| | |\n|---|---|\n");
        row(b, "Current", ids(r.current(), "base"));
        row(b, "Heads", ids(r.heads(), "none"));
        row(b, "Pending revisions", String.valueOf(r.pending().size()));
        MigrationReport.Lint l = r.lint();
        row(b, "Lint", l.errors() + " error(s), " + l.warnings() + " warning(s), " + l.infos() + " info, "
                + l.suppressed() + " suppressed; " + (l.failing() == 0 ? "upgrade would run"
                : "**upgrade would refuse** (" + l.failing() + " at or above " + text(l.failOn()) + ")"));
        row(b, "Schema changes", r.pending().isEmpty() ? "none" : r.schema().changes().size() + " ("
                + r.schema().destructive().size() + " destructive)");
        row(b, "Failures in history", r.failures() == 0 ? "none" : "**" + r.failures() + "**");
        b.append('\n');

        b.append("### Pending revisions\n\n");
        if (r.pending().isEmpty()) {
            b.append("None: the database is at the heads.\n\n");
        }
        for (MigrationReport.Pending p : r.pending()) {
            b.append("#### ").append(code(p.revision())).append(' ').append(text(p.message())).append("\n\n");
            b.append(code(p.file())).append(p.transactional() ? " · transactional" : " · **not transactional**");
            if (p.destructive() != null) {
                b.append(" · **destructive**: ").append(text(p.destructive()));
            }
            if (p.irreversible() != null) {
                b.append(" · **irreversible**: ").append(text(p.irreversible()));
            }
            b.append("\n\n");
            if (p.findings().isEmpty()) {
                b.append("No lint findings.\n\n");
            }
            for (MigrationReport.LintFinding f : p.findings()) {
                b.append("- ").append(f.suppressed() != null ? "~~" + f.severity() + "~~ (allowed: "
                                + text(f.suppressed()) + ")" : "**" + f.severity() + "**")
                        .append(' ').append(code(f.rule())).append(' ').append(text(f.name())).append(" at ")
                        .append(code(f.location())).append(": ").append(text(f.message()));
                if (!f.impact().isEmpty()) {
                    b.append(" — ").append(text(f.impact()));
                }
                b.append('\n');
            }
            if (!p.findings().isEmpty()) {
                b.append('\n');
            }
            b.append("<details><summary>SQL (").append(p.sql().size()).append(" statement")
                    .append(p.sql().size() == 1 ? "" : "s").append(")</summary>\n\n");
            fenced(b, "sql", String.join("\n\n", p.sql()));
            b.append("</details>\n\n");
        }

        b.append("### Schema changes\n\n");
        if (r.pending().isEmpty()) {
            b.append("None.\n\n");
        } else {
            b.append("From ").append(ids(r.schema().from(), "base")).append(" to ")
                    .append(ids(r.schema().to(), "base")).append(":\n\n");
            for (String c : r.schema().changes()) {
                b.append("- ").append(text(c)).append(r.schema().destructive().contains(c) ? " **(destructive)**" : "")
                        .append('\n');
            }
            for (String u : r.schema().unsupported()) {
                b.append("- ").append(text(u)).append('\n');
            }
            if (r.schema().changes().isEmpty() && r.schema().unsupported().isEmpty()) {
                b.append("- no change to tables, indexes or other objects\n");
            }
            b.append('\n');
        }

        b.append("### History\n\n");
        if (r.history().isEmpty()) {
            b.append("The history table is empty.\n\n");
        } else {
            b.append("| Started | Action | Revision | Status | Time | By | Error |\n|---|---|---|---|---|---|---|\n");
            for (StatusReports.AuditEntry h : r.history()) {
                boolean failed = !"ok".equals(h.status());
                b.append("| ").append(cell(text(h.startedAt()))).append(" | ").append(cell(text(h.action())))
                        .append(" | ").append(cell(code(h.revision()))).append(" | ")
                        .append(failed ? "**" + cell(text(h.status())) + "**" : cell(text(h.status()))).append(" | ")
                        .append(h.executionMs() == null ? "" : h.executionMs() + " ms").append(" | ")
                        .append(cell(text(h.appliedBy()))).append(" | ")
                        .append(h.error() == null ? "" : cell(text(h.error()))).append(" |\n");
            }
            if (r.historyTotal() > r.history().size()) {
                b.append("\nThe newest ").append(r.history().size()).append(" of ").append(r.historyTotal())
                        .append(" rows; `strata history --applied` lists all.\n");
            }
            b.append('\n');
        }

        b.append("### Schema diagram\n\n");
        if (r.diagram().tables() == 0) {
            b.append("No tables.\n");
        } else {
            fenced(b, "mermaid", r.diagram().mermaid().strip());
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
    }

    private static String ids(List<String> ids, String none) {
        return ids.isEmpty() ? none : String.join(", ", ids.stream().map(MarkdownReport::code).toList());
    }

    /** Text as Markdown shows it literally: HTML entities, punctuation escaped, one line. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.replaceAll("\\s*\\R\\s*", " ").toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '~', '!', '|', '{', '}' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An inline code span that holds {@code s} whatever backticks it has. */
    static String code(String s) {
        String one = s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
        String fence = "`".repeat(longestRun(one) + 1);
        String pad = one.startsWith("`") || one.endsWith("`") ? " " : "";
        return fence + pad + one + pad + fence;
    }

    /** A table cell: {@code |} escaped (GitHub honours that inside code spans too). */
    private static String cell(String s) {
        return s.replace("\\|", "\u0000").replace("|", "\\|").replace("\u0000", "\\|");
    }

    private static void fenced(StringBuilder b, String lang, String body) {
        String fence = "`".repeat(Math.max(3, longestRun(body) + 1));
        b.append(fence).append(lang).append('\n').append(body).append('\n').append(fence).append("\n\n");
    }

    private static int longestRun(String s) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == '`' ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }
}
