package dev.strata.engine.report;

import java.util.List;
import java.util.Objects;

/**
 * The migration report ({@code strata report}, seed 000 §5.2): where a database stands and what its pending
 * revisions will do, as one value. {@link MarkdownReport} renders it for a pull-request comment,
 * {@link HtmlReport} as a self-contained page; the CLI's {@code --json} serialises it as it is. Every list is in
 * a fixed order (revisions in graph order, history newest first), so the same state gives the same report
 * except for {@code generatedAt}.
 *
 * @param generatedAt  when the report was built (ISO-8601 instant)
 * @param database     the database, with any password masked ({@code embedded} for the embedded PostgreSQL)
 * @param environment  the environment name
 * @param current      the revisions the database is at (empty: base)
 * @param heads        the project's head revisions
 * @param pending      the revisions an upgrade to the heads would apply, in the order it would apply them
 * @param lint         the lint summary over the pending revisions
 * @param schema       what the pending revisions change in the schema
 * @param history      the latest rows of the history table, newest first
 * @param historyTotal how many rows the history table has (more than {@code history.size()} when cut)
 * @param failures     how many rows of the history table record a failed or partial step
 * @param diagram      the ER diagram of the schema at the heads
 */
public record MigrationReport(String generatedAt, String database, String environment, List<String> current,
                              List<String> heads, List<Pending> pending, Lint lint, SchemaChanges schema,
                              List<StatusReports.AuditEntry> history, int historyTotal, int failures,
                              Diagram diagram) {
    public MigrationReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(environment, "environment");
        current = List.copyOf(current);
        heads = List.copyOf(heads);
        pending = List.copyOf(pending);
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(schema, "schema");
        history = List.copyOf(history);
        Objects.requireNonNull(diagram, "diagram");
    }

    /**
     * A pending revision.
     *
     * @param revision      its id
     * @param message       its message
     * @param file          its file (or class)
     * @param transactional whether it runs in one transaction
     * @param destructive   the reason its header gives for losing data, or null
     * @param irreversible  the reason it has no downgrade, or null
     * @param sql           the statements of its upgrade, each ending in {@code ;}
     * @param findings      the lint findings of its upgrade (suppressed ones included, marked)
     */
    public record Pending(String revision, String message, String file, boolean transactional, String destructive,
                          String irreversible, List<String> sql, List<LintFinding> findings) {
        public Pending {
            Objects.requireNonNull(revision, "revision");
            message = message == null ? "" : message;
            sql = List.copyOf(sql);
            findings = List.copyOf(findings);
        }
    }

    /**
     * One lint finding.
     *
     * @param rule       the rule id ({@code SA001})
     * @param name       the rule's name
     * @param severity   info, warning or error
     * @param location   {@code file:line}
     * @param message    what the statement does, in words
     * @param impact     the lock and effects in words, or empty
     * @param fix        how to do it safely
     * @param suppressed the reason of the {@code -- strata:allow} line that suppresses it, or null
     */
    public record LintFinding(String rule, String name, String severity, String location, String message,
                              String impact, String fix, String suppressed) {
    }

    /**
     * The lint summary.
     *
     * @param failOn   the failing severity
     * @param errors   active findings at error
     * @param warnings active findings at warning
     * @param infos    active findings at info
     * @param failing  active findings at or above {@code failOn}: {@code strata upgrade} would refuse to run
     * @param suppressed findings suppressed in their revisions
     */
    public record Lint(String failOn, int errors, int warnings, int infos, int failing, int suppressed) {
    }

    /**
     * The schema changes of the pending revisions: the chain replayed on a scratch database to
     * {@code from}, then on to {@code to}, and the two schemas compared.
     *
     * @param from        the revisions of the starting point (the database's current revisions)
     * @param to          the revisions of the end point (the heads)
     * @param changes     one line per change, in the order the differ orders them
     * @param destructive the changes that lose data
     * @param unsupported differences the differ can describe but not express as a change
     */
    public record SchemaChanges(List<String> from, List<String> to, List<String> changes, List<String> destructive,
                                List<String> unsupported) {
        public SchemaChanges {
            from = List.copyOf(from);
            to = List.copyOf(to);
            changes = List.copyOf(changes);
            destructive = List.copyOf(destructive);
            unsupported = List.copyOf(unsupported);
        }
    }

    /**
     * The ER diagram.
     *
     * @param source    what was drawn: {@code chain} (the revisions replayed to the heads) or {@code database}
     *                  (the live schema, when nothing is pending)
     * @param tables    how many tables
     * @param relations how many foreign keys
     * @param mermaid   Mermaid {@code erDiagram} text
     * @param svg       an SVG document
     */
    public record Diagram(String source, int tables, int relations, String mermaid, String svg) {
    }
}
