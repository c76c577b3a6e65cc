package dev.strata.lint;

import dev.strata.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the statements of a revision touch, as the linter reads them, for checks made before a run (pre-checks):
 * each table a statement locks, with the lock mode, and whether it builds an index there. Unlike lint findings
 * these are facts about every recognised statement, safe ones included (a {@code CREATE INDEX CONCURRENTLY}
 * also needs disk space and waits for old transactions).
 */
public final class StatementFacts {
    private StatementFacts() {
    }

    /**
     * One table a statement locks.
     *
     * @param table       the table's key as the linter writes it ({@code orders}, {@code sales.orders}: unquoted
     *                    names in lower case, {@code public.} left out)
     * @param lock        the strongest lock the statement takes on it
     * @param buildsIndex whether the statement builds an index on it (CREATE INDEX, also CONCURRENTLY)
     * @param line        the statement's line in its file
     * @param statement   the statement, shortened to one line
     */
    public record Touch(String table, LockLevel lock, boolean buildsIndex, int line, String statement) {
        public Touch {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(lock, "lock");
        }
    }

    /** The tables {@code statements} lock, in statement order (statements naming no table are left out). */
    public static List<Touch> of(List<SqlStatement> statements) {
        List<Touch> out = new ArrayList<>();
        for (SqlStatement s : statements) {
            for (Stmt st : StatementClassifier.classify(s)) {
                LockLevel lock = Locks.of(st);
                // DROP INDEX and REINDEX name an index, not the table they lock
                if (lock == null || st.table() == null || st.is(Stmt.Kind.DROP_INDEX) || st.is(Stmt.Kind.REINDEX)) {
                    continue;
                }
                out.add(new Touch(st.table(), lock, st.is(Stmt.Kind.CREATE_INDEX), st.line(), st.excerpt()));
            }
        }
        return out;
    }
}
