package dev.strata.cli;

import dev.strata.engine.ops.PreflightReport;

import java.util.Locale;

/** Text rendering of the operations around upgrade: the pre-checks' report. */
public final class OpsPrinter {
    private OpsPrinter() {
    }

    /** The report, one line per check and one per session found, through {@code out}. */
    public static void preflight(PreflightReport r, java.util.function.Consumer<String> out) {
        for (PreflightReport.Check c : r.checks()) {
            out.accept(String.format(Locale.ROOT, "%-4s  %-14s  %s", c.status(), c.name(), c.detail()));
            for (PreflightReport.Session s : c.sessions()) {
                out.accept(String.format(Locale.ROOT, "        pid %d  user %s  application '%s'  %s for %d s%s%s",
                        s.pid(), s.user(), s.application() == null ? "" : s.application(), s.state(), s.ageSeconds(),
                        s.table() == null ? "" : "  " + s.mode() + " on " + s.table(),
                        "  query: " + (s.query().length() > 100 ? s.query().substring(0, 97) + "..." : s.query())));
            }
        }
    }
}
