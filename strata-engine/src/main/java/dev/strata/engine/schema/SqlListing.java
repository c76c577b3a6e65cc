package dev.strata.engine.schema;

import dev.strata.plan.Backfill;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.run.OfflineBackfill;

import java.util.ArrayList;
import java.util.List;

/**
 * Rendered statements as the text of a SQL file: each statement ends with {@code ;}, a comment names the
 * change it comes from (once per change), and statements that must not run inside a transaction say so.
 * A batched backfill becomes the {@code DO} block that commits after every batch ({@link OfflineBackfill}), so
 * a revision holding one is not transactional; a deferred IVFFlat build is written under
 * {@code -- strata:defer-until-rows} and keeps the revision transactional.
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
                b.append("-- batched backfill of ").append(f.table()).append(": ").append(f.batchSize())
                        .append(" rows per batch by ").append(String.join(", ", f.key()))
                        .append(", each batch commits (runs outside a transaction; resumable)\n");
                b.append(OfflineBackfill.sql(f)).append(";\n");
                continue;
            }
            if (s.deferredBuild() != null) {
                // built after the revision commits, once the table has the rows (see DeferredIndex in core)
                b.append("-- strata:defer-until-rows\n").append(s.deferredBuild().definition()).append(";\n");
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
        statements.stream().filter(s -> s.deferredBuild() != null).forEach(s -> notes.add("IVFFlat index "
                + s.deferredBuild().index() + " is built once " + s.deferredBuild().table() + " has "
                + s.deferredBuild().minRows() + " rows (lists x 39; '-- strata:defer-until-rows'): after this revision"
                + " commits, by this or a later `strata upgrade`; `strata current` lists it until then."));
        if (statements.stream().anyMatch(s -> s.tx() == Tx.NO_TRANSACTION && s.deferredBuild() == null)) {
            notes.add("Some statements must run outside a transaction (e.g. CREATE INDEX CONCURRENTLY), so the whole"
                    + " revision runs statement by statement; if one fails part way, run `strata repair`.");
        }
        if (statements.stream().anyMatch(s -> s.tx() == Tx.OWN_TRANSACTION)) {
            notes.add("Some statements were planned to commit on their own (e.g. VALIDATE CONSTRAINT after NOT VALID);"
                    + " statement by statement, each commits on its own.");
        }
        if (statements.stream().anyMatch(s -> s.tx() == Tx.BATCHED)) {
            notes.add("A batched backfill is written as a DO block that commits after every batch (short row locks,"
                    + " as the Java path runs it), which a transaction cannot hold: the revision runs statement by"
                    + " statement; if it fails part way, `strata upgrade --resume` continues with the rows left.");
        }
        return notes;
    }

    /** Whether every statement may run in one transaction. */
    public static boolean transactional(List<Statement> statements) {
        return statements.stream().allMatch(s -> s.tx() == Tx.IN_TRANSACTION || s.deferredBuild() != null);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
