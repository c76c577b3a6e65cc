package dev.strata.graph;

import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cases compared one by one with Alembic 1.8.1 (a throw-away Alembic project with the same graph, `alembic
 * stamp` / `upgrade` / `downgrade` and `alembic current`): stamp with several targets, stamp beside another
 * branch, LABEL@head / LABEL@base, label prefixes, head-N / heads-N, walks through merges. Where Strata
 * differs on purpose the row says so (and the README's "Where Strata differs from Alembic" list does).
 */
class AlembicParityGraphTest {
    /** Alembic's graph of the comparison: a trunk r1 - r2, then branch alpha (a1, a2) and branch beta (b1, b2). */
    static final String AB = "r1; r2<-r1; a1<-r2 label=alpha; a2<-a1; b1<-r2 label=beta; b2<-b1";
    /** The same with a third label sharing a prefix with alpha. */
    static final String ABL = AB + "; l1<-r2 label=alps";
    /** AB merged at m, with n on top. */
    static final String MERGE = AB + "; m<-a2 b2; n<-m";
    /** A redundant merge: rm's parents are a2 and r2, and r2 is already below a2. */
    static final String REDUNDANT = "r1; r2<-r1; a1<-r2; a2<-a1; rm<-a2 r2; s<-rm";
    /** A linear chain of four. */
    static final String CHAIN = "r1; r2<-r1; r3<-r2; r4<-r3";

    @ParameterizedTest(name = "{0} | {1} | stamp {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # several revisions at once: two branch heads (alembic stamp a2 b2 -> a2, b2)
            AB  | -     | a2 b2          | a2 b2
            # overlapping revisions of one branch: the highest wins whatever the order (alembic: a2 both times)
            AB  | -     | a1 a2          | a2
            AB  | -     | a2 a1          | a2
            AB  | b2    | r1 a2          | a2 b2
            AB  | a2 b2 | a1 b1          | a1 b1
            # a revision on another branch than the current one is added beside it (alembic stamp b1 at a2 -> a2, b1)
            AB  | a2    | b1             | a2 b1
            AB  | a2    | r1             | r1
            # LABEL@head and LABEL@base beside another branch's head
            AB  | a2    | beta@head      | a2 b2
            AB  | a2 b2 | alpha@head     | a2 b2
            AB  | a2 b2 | beta@base      | a2
            AB  | a2    | beta@base      | a2
            AB  | a1 b2 | alpha@head b1  | a2 b1
            # branch labels by a unique prefix (alembic stamp alp@head, alph@base)
            AB  | b2    | alp@head       | a2 b2
            AB  | a2 b2 | alph@base      | b2
            ABL | -     | al@head        | ERROR AMBIGUOUS_REVISION
            ABL | a2 b2 | bet@base       | a2
            ABL | -     | zz@head        | ERROR UNKNOWN_REVISION
            # base alone (Strata refuses to mix it with other targets)
            AB  | a2 b2 | base           | -
            AB  | a2 b2 | a2 base        | ERROR TARGET_INVALID
            AB  | a2    | -1             | ERROR TARGET_INVALID
            """)
    void stamps(String graph, String heads, String targets, String expected) {
        RevisionGraph g = GraphDsl.graph(graph(graph));
        Set<RevisionId> current = GraphDsl.ids(heads);
        List<String> specs = Arrays.asList(targets.trim().split("\\s+"));
        if (expected.startsWith("ERROR")) {
            assertThatThrownBy(() -> g.stampHeads(current, specs, false))
                    .isInstanceOfSatisfying(StrataException.class,
                            e -> assertThat(e.code().name()).isEqualTo(expected.substring(6).trim()));
            return;
        }
        assertThat(GraphDsl.show(g.stampHeads(current, specs, false))).isEqualTo(expected.trim());
    }

    @ParameterizedTest(name = "{0} | {1} | {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # head-N is one below head, as in Alembic 1.8 (seed 002: upgrade head-1)
            CHAIN     | -     | up head-1      | up r1, up r2, up r3                  | r3
            CHAIN     | r3    | up head-1      | none                                 | r3
            CHAIN     | -     | up head-2      | up r1, up r2                         | r2
            CHAIN     | -     | up heads-1     | up r1, up r2, up r3                  | r3
            CHAIN     | r4    | down head-1    | down r4                              | r3
            AB        | -     | up heads-1     | ERROR MULTIPLE_HEADS                 |
            AB        | -     | up alpha@head-1 | up r1, up r2, up a1                 | a1
            # LABEL@base of a branch that shares its trunk with another: only that branch (Alembic: from the root)
            AB        | a2 b2 | down beta@base | down b2, down b1                     | a2
            AB        | a2 b2 | down bet@base  | down b2, down b1                     | a2
            AB        | a2 b2 | down alp@-1    | down a2                              | a1 b2
            # walks down through a merge must choose a path: an error naming the paths (Alembic: "Ambiguous walk")
            MERGE     | n     | down -2        | down n, down m                       | a2 b2
            MERGE     | n     | down -3        | ERROR AMBIGUOUS_REVISION             |
            MERGE     | m     | down -2        | ERROR AMBIGUOUS_REVISION             |
            MERGE     | n     | down m-1       | ERROR AMBIGUOUS_REVISION             |
            REDUNDANT | s     | down -2        | down s, down rm                      | a2
            REDUNDANT | s     | down -3        | ERROR AMBIGUOUS_REVISION             |
            REDUNDANT | s     | down rm-1      | ERROR AMBIGUOUS_REVISION             |
            REDUNDANT | s     | down a2        | down s, down rm                      | a2
            """)
    void plans(String graph, String heads, String command, String expected, String after) {
        RevisionGraph g = GraphDsl.graph(graph(graph));
        Set<RevisionId> current = GraphDsl.ids(heads);
        String[] cmd = command.trim().split("\\s+", 2);
        if (expected.startsWith("ERROR")) {
            assertThatThrownBy(() -> plan(g, current, cmd))
                    .isInstanceOfSatisfying(StrataException.class, e -> {
                        assertThat(e.code().name()).isEqualTo(expected.substring(6).trim());
                        assertThat(e.getMessage()).doesNotContain("\n");
                    });
            return;
        }
        List<Step> steps = plan(g, current, cmd);
        assertThat(GraphDsl.show(steps)).isEqualTo(expected.trim());
        Set<RevisionId> replay = new TreeSet<>(current);
        for (Step s : steps) {
            replay.removeAll(s.removeHeads());
            replay.addAll(s.addHeads());
        }
        assertThat(GraphDsl.show(replay)).isEqualTo(after.trim());
    }

    @Test
    void aWalkThroughAMergeNamesThePathsItCouldTake() {
        RevisionGraph merge = GraphDsl.graph(MERGE);
        assertThatThrownBy(() -> merge.downgradeSteps(GraphDsl.ids("n"), "-3"))
                .hasMessage("target '-3' is ambiguous: walking down it reaches merge m and could go on along 2 paths:"
                        + " n -> m -> a2; n -> m -> b2; name the revision to go to, e.g. a2");
        RevisionGraph redundant = GraphDsl.graph(REDUNDANT);
        assertThatThrownBy(() -> redundant.downgradeSteps(GraphDsl.ids("s"), "-3"))
                .hasMessage("target '-3' is ambiguous: walking down it reaches merge rm (a redundant merge: r2 is"
                        + " already an ancestor of a2) and could go on along 2 paths: s -> rm -> a2; s -> rm -> r2;"
                        + " name the revision to go to, e.g. a2");
    }

    @Test
    void anAmbiguousLabelPrefixNamesTheLabels() {
        RevisionGraph g = GraphDsl.graph(ABL);
        assertThatThrownBy(() -> g.upgradeSteps(Set.of(), "al@head"))
                .hasMessage("branch label prefix 'al' matches several labels (alpha, alps): give more characters");
    }

    private static List<Step> plan(RevisionGraph g, Set<RevisionId> current, String[] cmd) {
        return cmd[0].equals("up") ? g.upgradeSteps(current, cmd[1]) : g.downgradeSteps(current, cmd[1]);
    }

    private static String graph(String name) {
        switch (name.trim()) {
            case "AB": return AB;
            case "ABL": return ABL;
            case "MERGE": return MERGE;
            case "REDUNDANT": return REDUNDANT;
            case "CHAIN": return CHAIN;
            default: throw new IllegalArgumentException(name);
        }
    }
}
