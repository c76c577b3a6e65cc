package dev.strata.engine.schema;

import dev.strata.plan.Backfill;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;

import java.util.ArrayList;
import java.util.List;

/**
 * Rendered statements as the text of a SQL file: each statement ends with {@code ;}, a comment names the
 * change it comes from (once per change), and statements that must not run inside a transaction say so.
 * A batched backfill, which a SQL file cannot express, becomes a comment and one plain {@code UPDATE}.
 */
public final class SqlListing {
    private SqlListing() {
    }

    /** The file text for {@code statements}, each line ending in LF; empty for no statements. */
    public static String text(List<Statement> statements) {
        StringBuilder b = new StringBuilder();
        String lastSource = null;
        for (Statement s : statements) {
            if (!s.source().isEmpty() && !s.source().startsWith("sql:") && !s.source().equals(lastSource)) {
                b.append("-- ").append(oneLine(s.source())).append('\n');
                lastSource = s.source();
            }
            if (s.tx() == Tx.BATCHED) {
                Backfill f = s.backfill();
                b.append("-- Batched backfill in the plan; a SQL revision runs it as one UPDATE (split it by hand for a large table).\n");
                b.append("UPDATE ").append(f.table()).append(" SET ").append(f.assignments());
                if (f.pending() != null) {
                    b.append(" WHERE ").append(f.pending());
                }
                b.append(";\n");
                continue;
            }
            if (s.tx() == Tx.NO_TRANSACTION) {
                b.append("-- runs outside a transaction\n");
            } else if (s.tx() == Tx.OWN_TRANSACTION) {
                b.append("-- runs in a transaction of its own\n");
            }
            b.append(s.sql()).append(";\n");
        }
        return b.toString();
    }

    /** Notes for a file header about modes a transactional SQL revision cannot express; empty when none. */
    public static List<String> modeNotes(List<Statement> statements) {
        List<String> notes = new ArrayList<>();
        if (statements.stream().anyMatch(s -> s.tx() == Tx.NO_TRANSACTION)) {
            notes.add("Some statements must run outside a transaction (e.g. CREATE INDEX CONCURRENTLY), so the whole"
                    + " revision runs statement by statement; if one fails part way, run `strata repair`.");
        }
        if (statements.stream().anyMatch(s -> s.tx() == Tx.OWN_TRANSACTION)) {
            notes.add("Some statements were planned to commit on their own (e.g. VALIDATE CONSTRAINT after NOT VALID);"
                    + " statement by statement, each commits on its own.");
        }
        if (statements.stream().anyMatch(s -> s.tx() == Tx.BATCHED)) {
            notes.add("A batched backfill is written as one UPDATE: review it for large tables.");
        }
        return notes;
    }

    /** Whether every statement may run in one transaction. */
    public static boolean transactional(List<Statement> statements) {
        return statements.stream().allMatch(s -> s.tx() == Tx.IN_TRANSACTION || s.tx() == Tx.BATCHED);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
