package dev.strata.graph;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Graph validation, queries, name resolution and history ranges, as tables where possible. */
class RevisionGraphTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a; a                          | DUPLICATE_REVISION  | defined twice, in a.sql and in a.sql
            a; b<-z                       | UNKNOWN_PARENT      | revision b (b.sql) names parent 'z'
            a; b<-a dep=z                 | UNKNOWN_PARENT      | depends on 'z'
            a<-c; b<-a; c<-b              | CYCLE               | a -> c -> b -> a (a.sql, c.sql, b.sql)
            a<-a                          | CYCLE               | a -> a
            r; a<-r dep=b; b<-a           | CYCLE               | a -> b -> a
            a label=x; b<-a label=x       | BRANCH_LABEL_CLASH  | declared by both a (a.sql) and b (b.sql)
            a label=b; b<-a               | BRANCH_LABEL_CLASH  | equals a revision id
            a label=heads                 | BRANCH_LABEL_CLASH  | is not usable
            head                          | REVISION_ID_INVALID | reserved word
            """)
    void refusesBadGraphs(String graph, ErrorCode code, String fragment) {
        assertThatThrownBy(() -> GraphDsl.graph(graph))
                .isInstanceOfSatisfying(StrataException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(fragment).doesNotContain("\n");
                });
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            BR  | all             | a b c c2 d d2
            DEP | all             | a b c d
            TWO | all             | a b p q
            MG  | heads           | n
            BR  | heads           | c2 d2
            TWO | bases           | a p
            MG  | branchPoints    | b
            BR  | branchPoints    | b
            LIN | branchPoints    | -
            MG  | children b      | c d
            MG  | ancestors m     | a b c d
            MG  | descendants c   | m n
            DEP | ancestors d     | a b c
            DEP | descendants a   | b d
            MG  | applied c d     | a b c d
            DEP | applied d       | a b c d
            BR  | labels c2       | x
            BR  | labels a        | -
            DEP | labels b        | x
            MG  | resolve m       | m
            BR  | resolve x       | c
            PRE | resolve xy      | xyz9
            a label=x; c dep=x | ancestors c | a
            """)
    void answersQueries(String graph, String query, String expected) {
        RevisionGraph g = GraphDsl.graph(graph);
        String[] q = query.trim().split("\\s+", 2);
        String arg = q.length > 1 ? q[1] : "";
        String actual;
        switch (q[0]) {
            case "all" -> actual = ids(g.all().stream().map(Revision::id).toList());
            case "heads" -> actual = ids(g.heads());
            case "bases" -> actual = ids(g.bases());
            case "branchPoints" -> actual = ids(g.branchPoints());
            case "children" -> actual = ids(g.children(RevisionId.of(arg)));
            case "ancestors" -> actual = GraphDsl.show(g.ancestors(RevisionId.of(arg)));
            case "descendants" -> actual = GraphDsl.show(g.descendants(RevisionId.of(arg)));
            case "applied" -> actual = GraphDsl.show(g.applied(GraphDsl.ids(arg)));
            case "labels" -> actual = g.branchLabels(RevisionId.of(arg)).isEmpty() ? "-"
                    : String.join(" ", g.branchLabels(RevisionId.of(arg)));
            case "resolve" -> actual = g.resolve(arg).id().value();
            default -> throw new IllegalStateException(query);
        }
        assertThat(actual).isEqualTo(expected.trim());
    }

    private static String ids(List<RevisionId> ids) {
        return ids.isEmpty() ? "-" : ids.stream().map(RevisionId::value).collect(Collectors.joining(" "));
    }

    @Test
    void resolutionErrorsNameTheCandidates() {
        RevisionGraph g = GraphDsl.graph(GraphDsl.PRE);
        assertThatThrownBy(() -> g.resolve("ab")).isInstanceOfSatisfying(StrataException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_REVISION);
            assertThat(e.getMessage()).contains("abc1, abd2");
        });
        assertThatThrownBy(() -> g.resolve("zz")).isInstanceOfSatisfying(StrataException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION));
        assertThatThrownBy(() -> g.get(RevisionId.of("zz"))).isInstanceOfSatisfying(StrataException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION));
        assertThat(g.find(RevisionId.of("zz"))).isEmpty();
        assertThat(g.find(RevisionId.of("abc1"))).isPresent();
    }

    @Test
    void multipleHeadsErrorListsThem() {
        RevisionGraph g = GraphDsl.graph(GraphDsl.BR);
        assertThatThrownBy(() -> g.upgradeSteps(java.util.Set.of(), "head"))
                .isInstanceOfSatisfying(StrataException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MULTIPLE_HEADS);
                    assertThat(e.getMessage()).contains("c2, d2");
                });
    }

    @Test
    void mergeStepRemovesBothParentHeads() {
        RevisionGraph g = GraphDsl.graph(GraphDsl.MG);
        List<Step> steps = g.upgradeSteps(GraphDsl.ids("c d"), "m");
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).removeHeads()).containsExactly(RevisionId.of("c"), RevisionId.of("d"));
        assertThat(steps.get(0).addHeads()).containsExactly(RevisionId.of("m"));
        Step down = g.downgradeSteps(GraphDsl.ids("m"), "c").get(0);
        assertThat(down.removeHeads()).containsExactly(RevisionId.of("m"));
        assertThat(down.addHeads()).containsExactly(RevisionId.of("c"), RevisionId.of("d"));
    }

    @Test
    void emptyGraphHasNothingToDo() {
        RevisionGraph g = RevisionGraph.of(List.of());
        assertThat(g.all()).isEmpty();
        assertThat(g.upgradeSteps(java.util.Set.of(), "head")).isEmpty();
        assertThat(g.upgradeSteps(java.util.Set.of(), "heads")).isEmpty();
        assertThat(g.downgradeSteps(java.util.Set.of(), "base")).isEmpty();
    }

    @ParameterizedTest(name = "{0} | {1} | current {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            LIN | b:d          | -     | d c b
            LIN | :b           | -     | b a
            LIN | c:           | -     | d c
            LIN | :            | -     | d c b a
            LIN | base:head    | -     | d c b a
            LIN | -2:          | -     | d c b
            LIN | -9:          | -     | d c b a
            LIN | -2:current   | c     | c b a
            LIN | current:     | b     | d c b
            LIN | b+1:d-1      | -     | c
            BR  | :            | -     | d2 d c2 c b a
            BR  | c:x@head     | -     | c2 c
            BR  | b:           | -     | d2 d c2 c b
            MG  | -1:          | -     | n m
            LIN | current:     | null  | ERROR TARGET_INVALID
            LIN | d:b          | -     | ERROR TARGET_INVALID
            LIN | b            | -     | ERROR TARGET_INVALID
            LIN | -1:+1        | -     | ERROR TARGET_INVALID
            BR  | -1:          | -     | ERROR MULTIPLE_HEADS
            MG  | -2:          | -     | ERROR AMBIGUOUS_REVISION
            """)
    void selectsHistoryRanges(String graph, String range, String current, String expected) {
        RevisionGraph g = GraphDsl.graph(graph);
        java.util.Set<RevisionId> heads = current.equals("null") ? null : GraphDsl.ids(current);
        if (expected.startsWith("ERROR")) {
            assertThatThrownBy(() -> g.range(range, heads)).isInstanceOfSatisfying(StrataException.class,
                    e -> assertThat(e.code().name()).isEqualTo(expected.substring(6).trim()));
            return;
        }
        assertThat(ids(g.range(range, heads).stream().map(Revision::id).toList())).isEqualTo(expected.trim());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            head        | Head[label=null]
            x@head      | Head[label=x]
            heads       | Heads[label=null]
            x@base      | Base[label=x]
            base        | Base[label=null]
            ae10        | Ref[label=null, ref=ae10]
            x@ae10      | Ref[label=x, ref=ae10]
            +2          | Relative[label=null, from=null, steps=2]
            -1          | Relative[label=null, from=null, steps=-1]
            ae10+3      | Relative[label=null, from=ae10, steps=3]
            x@-2        | Relative[label=x, from=null, steps=-2]
            head-1      | Relative[label=null, from=head, steps=-1]
            """)
    void parsesTargets(String text, String expected) {
        assertThat(RevisionSpec.parse(text).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"''", "@head", "a@", "a-b", "a+-1", "+0", "a b", "x@@y", "a:b"})
    void refusesBadTargets(String text) {
        assertThatThrownBy(() -> RevisionSpec.parse(text)).isInstanceOfSatisfying(StrataException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGET_INVALID));
    }
}
