package dev.strata.postgres;

import dev.strata.lint.StatementShape;
import dev.strata.plan.Statement;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which statements of a transactional step may go to the server together, in one round trip (a JDBC batch), instead
 * of one round trip each: those that build something new out of nothing, so they return no rows, run no user code,
 * change no setting, wait for no other session's lock and cannot meet rows. That is a {@code CREATE TABLE} that names
 * no other table (no REFERENCES, LIKE, INHERITS or PARTITION OF) and a {@code CREATE INDEX} without function calls on
 * a table an earlier statement of the same step created (so it is empty). A revision that adds a table with its
 * indexes, the commonest kind, then costs one round trip for its statements and one for its bookkeeping and COMMIT.
 *
 * <p>A failure inside a batch does not say which statement failed; the target then rolls the transaction back and
 * runs the step again statement by statement, which names it (the batch took no effect, and its statements touch
 * nothing that existed before). Names are compared as the linter keys them ({@code public.a} is {@code a}); where
 * that is wrong (another search_path) the batch is merely slower: an index on an existing table is built in it, and a
 * lock it waits for is waited for again when the statements run one by one.
 */
final class Pipelining {
    private static final Set<String> NAMES_ANOTHER = Set.of("references", "like", "inherits", "partition");

    private Pipelining() {
    }

    /** For each statement of {@code plan}: whether it may share a round trip with its joinable neighbours. */
    static boolean[] joinable(List<Statement> plan) {
        boolean[] out = new boolean[plan.size()];
        Set<String> created = new HashSet<>();
        for (int i = 0; i < plan.size(); i++) {
            String sql = plan.get(i).sql();
            if (sql.isBlank()) {
                continue;
            }
            StatementShape shape = StatementShape.of(sql);
            List<String> named = shape.relations();
            if (shape.indexBuilt() == null) {
                out[i] = freshTable(sql, shape) && !shape.created().isEmpty();
            } else {
                out[i] = !named.isEmpty() && created.contains(named.get(0)) && !sql.regionMatches(true, 0, "do", 0, 2)
                        && !shape.mayChangeSettings();
            }
            created.addAll(shape.created());
        }
        return out;
    }

    /** A plain CREATE TABLE that names no other relation. */
    private static boolean freshTable(String sql, StatementShape shape) {
        if (shape.mayChangeSettings()) {
            return false;
        }
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        if (!sql.regionMatches(true, start, "create", 0, 6)) {
            return false;
        }
        // the words (runs of letters and underscores), compared without lower-casing the text or splitting it by a
        // pattern: this runs once per CREATE TABLE of every revision, on the thread the server waits for
        int i = start;
        while (i < sql.length()) {
            if (!wordChar(sql.charAt(i))) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < sql.length() && wordChar(sql.charAt(end))) {
                end++;
            }
            for (String another : NAMES_ANOTHER) {
                if (end - i == another.length() && sql.regionMatches(true, i, another, 0, another.length())) {
                    return false;
                }
            }
            i = end;
        }
        return true;
    }

    /** A letter a-z (either case) or an underscore: what the word split of {@link #freshTable} keeps. */
    private static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }
}
