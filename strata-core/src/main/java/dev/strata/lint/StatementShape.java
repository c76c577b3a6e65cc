package dev.strata.lint;

import dev.strata.sql.SqlStatement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the runner asks about one statement's text while it applies a revision, worked out in one pass: the text is
 * cut into tokens once and classified once. Each of a step's statements is asked about several times (the relations
 * its measurements read, which statements may share a round trip, which build an index, whether one may change a
 * setting), and each answer used to lex and classify it again (issue 14: up to eight passes over each statement of a
 * 1,000-revision apply). The shapes of the statements seen last are kept, so the askers need not pass them to one
 * another.
 *
 * @param relations         as {@link StatementClassifier#relations(SqlStatement)}
 * @param created           as {@link StatementClassifier#created(SqlStatement)}
 * @param dropped           the tables and indexes it drops by name ({@code DROP TABLE}, {@code DROP INDEX})
 * @param indexBuilt        as {@link StatementClassifier#indexBuilt(SqlStatement)}
 * @param mayChangeSettings as {@link SessionEffects#mayChangeSettings(String)}
 */
public record StatementShape(List<String> relations, List<String> created, List<String> dropped, String indexBuilt,
                             boolean mayChangeSettings) {
    /** A blank statement: it names nothing and changes nothing. */
    private static final StatementShape BLANK = new StatementShape(List.of(), List.of(), List.of(), null, false);
    /** How many shapes are kept: a step's statements, with room to spare (they are asked about within the step). */
    private static final int KEPT = 64;
    private static final Map<String, StatementShape> RECENT = new LinkedHashMap<>(KEPT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StatementShape> eldest) {
            return size() > KEPT;
        }
    };

    public StatementShape {
        relations = List.copyOf(relations);
        created = List.copyOf(created);
        dropped = List.copyOf(dropped);
    }

    /** The shape of one statement's text (as a plan holds it: one statement, no trailing semicolon). */
    public static StatementShape of(String sql) {
        synchronized (RECENT) {
            StatementShape kept = RECENT.get(sql);
            if (kept != null) {
                return kept;
            }
        }
        StatementShape shape = read(sql);
        synchronized (RECENT) {
            RECENT.put(sql, shape);
        }
        return shape;
    }

    private static StatementShape read(String sql) {
        if (sql.isBlank()) {
            return BLANK;
        }
        List<Token> tokens = Tokens.of(sql);
        List<Stmt> classified = StatementClassifier.classify(new SqlStatement(sql, 1), tokens);
        return new StatementShape(StatementClassifier.relations(classified), StatementClassifier.created(classified),
                StatementClassifier.dropped(classified), StatementClassifier.indexBuilt(classified),
                SessionEffects.mayChangeSettings(tokens));
    }
}
