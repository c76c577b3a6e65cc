package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.engine.report.FileReports;
import dev.strata.engine.schema.RenameConfirmation;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.engine.schema.SchemaDiff;
import dev.strata.graph.RevisionId;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How revision, merge and autogenerate report a new file, and how they ask about renames on a terminal. */
final class WrittenRevision {
    private WrittenRevision() {
    }

    /** Reports a written revision file; with --json, prints {@code revision} and {@code file}. */
    static void report(Session s, RevisionId id, Path file) {
        report(s, id, file, null, null);
    }

    /** Reports a written revision file; with --json, prints {@code revision}, {@code file} and, when given, what it does. */
    static void report(Session s, RevisionId id, Path file, List<String> ops, List<String> notExpressed) {
        Path shown = s.workingDir().relativize(file.toAbsolutePath());
        s.console().info("Generating " + shown + " ... done");
        if (s.console().json()) {
            s.console().json(new FileReports.RevisionWritten(id.value(), shown.toString(), ops, notExpressed));
        } else if (s.console().quiet()) {
            s.console().line(shown.toString());
        }
    }

    /**
     * The CLI's answer to rename candidates: ask on the terminal; without one (or with --json) list them
     * and fail with the --rename flags to pass.
     */
    static RenameConfirmation confirmation(Session s) {
        return candidates -> {
            java.io.Console terminal = System.console();
            if (terminal == null || s.console().json()) {
                candidates.forEach(c -> s.console().info("possible rename: " + c.kind() + " " + c.from() + " -> " + c.to()
                        + " (" + c.reason() + ")"));
                throw unconfirmed(candidates);
            }
            return ask(terminal, candidates);
        };
    }

    /** The one-line error when candidates remain and no terminal can ask: the flags that answer them. */
    private static StrataException unconfirmed(List<SchemaDiff.RenameCandidate> candidates) {
        StringBuilder flags = new StringBuilder();
        for (SchemaDiff.RenameCandidate c : candidates) {
            flags.append(" --rename ").append(c.from()).append('=').append(c.to());
        }
        return new StrataException(ErrorCode.RENAME_UNCONFIRMED, candidates.size() + " possible rename(s) found and"
                + " no terminal to ask: pass" + flags + " to write renames, or --no-rename to accept drop and add;"
                + " nothing was written");
    }

    /** Asks about each candidate; a candidate answered "no" is taken as drop and add. */
    private static Map<String, String> ask(java.io.Console terminal, List<SchemaDiff.RenameCandidate> candidates) {
        Map<String, String> confirmed = new LinkedHashMap<>();
        for (SchemaDiff.RenameCandidate c : candidates) {
            if (confirmed.containsKey(c.from()) || confirmed.containsValue(c.to())) {
                continue;
            }
            String answer = terminal.readLine("Is %s %s renamed to %s? [y/N] ", c.kind(), c.from(), c.to());
            if (answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                confirmed.put(c.from(), c.to());
            }
        }
        return confirmed;
    }
}
