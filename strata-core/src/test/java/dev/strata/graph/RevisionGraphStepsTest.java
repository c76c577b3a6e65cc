package dev.strata.graph;

import dev.strata.error.StrataException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upgrade, downgrade and stamp as a table: graph | heads in the version table | command | expected steps
 * (or {@code ERROR CODE}) | expected heads afterwards. Replaying each step's head changes must give the
 * expected heads, and they must be the heads of the applied set.
 */
class RevisionGraphStepsTest {

    @ParameterizedTest(name = "{0} | {1} | {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # linear chain
            LIN | -     | up head       | up a, up b, up c, up d               | d
            LIN | b     | up head       | up c, up d                           | d
            LIN | b     | up c          | up c                                 | c
            LIN | d     | up head       | none                                 | d
            LIN | d     | up b          | ERROR TARGET_NOT_REACHABLE           |
            LIN | b     | up +1         | up c                                 | c
            LIN | -     | up +2         | up a, up b                           | b
            LIN | c     | up +2         | ERROR TARGET_NOT_REACHABLE           |
            LIN | a     | up b+2        | up b, up c, up d                     | d
            LIN | a     | up d-1        | up b, up c                           | c
            LIN | -     | up base+2     | up a, up b                           | b
            LIN | b     | up heads      | up c, up d                           | d
            LIN | -     | up base       | none                                 | -
            LIN | b     | up base       | ERROR TARGET_NOT_REACHABLE           |
            LIN | b     | up -1         | ERROR TARGET_INVALID                 |
            LIN | b     | up zz         | ERROR UNKNOWN_REVISION               |
            LIN | b     | up a@@        | ERROR TARGET_INVALID                 |
            LIN | b     | up c+0        | ERROR TARGET_INVALID                 |
            LIN | x     | up head       | ERROR APPLIED_REVISION_MISSING       |
            LIN | b d   | up head       | ERROR STATE_INVALID                  |
            LIN | d     | down -1       | down d                               | c
            LIN | d     | down -2       | down d, down c                       | b
            LIN | d     | down -4       | down d, down c, down b, down a       | -
            LIN | d     | down -5       | ERROR TARGET_NOT_REACHABLE           |
            LIN | d     | down base     | down d, down c, down b, down a       | -
            LIN | d     | down b        | down d, down c                       | b
            LIN | d     | down d        | none                                 | d
            LIN | d     | down c-1      | down d, down c                       | b
            LIN | b     | down head-2   | none                                 | b
            LIN | b     | down d        | ERROR TARGET_NOT_REACHABLE           |
            LIN | b     | down +1       | ERROR TARGET_INVALID                 |
            LIN | -     | down -1       | ERROR TARGET_NOT_REACHABLE           |
            LIN | -     | down base     | none                                 | -
            LIN | d     | down heads    | ERROR TARGET_INVALID                 |
            # prefixes
            PRE | -     | up xy         | up abc1, up abd2, up xyz9            | xyz9
            PRE | -     | up abd        | up abc1, up abd2                     | abd2
            PRE | -     | up ab         | ERROR AMBIGUOUS_REVISION             |
            # two branches with labels x and y over a shared trunk
            BR  | -     | up head       | ERROR MULTIPLE_HEADS                 |
            BR  | -     | up heads      | up a, up b, up c, up c2, up d, up d2 | c2 d2
            BR  | c2    | up heads      | up d, up d2                          | c2 d2
            BR  | -     | up x@head     | up a, up b, up c, up c2              | c2
            BR  | c2    | up y@head     | up d, up d2                          | c2 d2
            BR  | -     | up x          | up a, up b, up c                     | c
            BR  | -     | up x@heads    | up a, up b, up c, up c2              | c2
            BR  | c     | up y@d        | up d                                 | c d
            BR  | c     | up y@c2       | ERROR TARGET_INVALID                 |
            BR  | b     | up +1         | ERROR AMBIGUOUS_REVISION             |
            BR  | b     | up x@+1       | up c                                 | c
            BR  | -     | up x@+2       | up a, up b                           | b
            BR  | c d   | up +1         | ERROR MULTIPLE_HEADS                 |
            BR  | c d   | up y@+1       | up d2                                | c d2
            BR  | c2 d2 | down x@base   | down c2, down c                      | d2
            BR  | c2 d2 | down y@-1     | down d2                              | c2 d
            BR  | c2 d2 | down x@-2     | down c2, down c                      | d2
            BR  | c2 d2 | down -1       | ERROR MULTIPLE_HEADS                 |
            BR  | c2 d2 | down b        | down d2, down d, down c2, down c     | b
            BR  | c2 d2 | down x@b      | down c2, down c                      | d2
            BR  | c2 d2 | down c        | down c2                              | c d2
            BR  | c2 d2 | down c2-1     | down c2                              | c d2
            BR  | c2 d2 | down base     | down d2, down d, down c2, down c, down b, down a | -
            BR  | c2 d2 | down zz@base  | ERROR UNKNOWN_REVISION               |
            BR  | c2 d2 | down head     | ERROR MULTIPLE_HEADS                 |
            # diamond with a merge m and a revision n on top
            MG  | -     | up head       | up a, up b, up c, up d, up m, up n   | n
            MG  | c     | up m          | up d, up m                           | m
            MG  | c     | up d          | up d                                 | c d
            MG  | b     | up c-1        | none                                 | b
            MG  | n     | up c          | ERROR TARGET_NOT_REACHABLE           |
            MG  | c d   | up +1         | ERROR MULTIPLE_HEADS                 |
            MG  | n     | down b        | down n, down m, down d, down c       | b
            MG  | n     | down c        | down n, down m                       | c d
            MG  | n     | down -2       | down n, down m                       | c d
            MG  | n     | down -3       | ERROR AMBIGUOUS_REVISION             |
            MG  | n     | down m-1      | ERROR AMBIGUOUS_REVISION             |
            MG  | c d   | down -1       | ERROR MULTIPLE_HEADS                 |
            MG  | c d   | down c        | none                                 | c d
            # depends-on across two roots
            DEP | -     | up d          | up a, up b, up c, up d               | d
            DEP | b     | up y@head     | up c, up d                           | d
            DEP | b     | up c          | up c                                 | b c
            DEP | d     | down a        | ERROR TARGET_NOT_REACHABLE           |
            DEP | d     | cascade a     | down d, down b                       | a c
            DEP | d     | down c        | down d                               | b c
            DEP | d     | down x@base   | ERROR TARGET_NOT_REACHABLE           |
            DEP | d     | cascade x@base | down d, down b, down a              | c
            DEP | d     | down base     | down d, down c, down b, down a       | -
            DEP | d     | down y@base   | down d, down c                       | b
            DEP | d     | up b          | ERROR TARGET_NOT_REACHABLE           |
            # two independent roots
            TWO | -     | up heads      | up a, up b, up p, up q               | b q
            TWO | -     | up +1         | ERROR AMBIGUOUS_REVISION             |
            TWO | b     | up +1         | ERROR TARGET_NOT_REACHABLE           |
            TWO | b     | up q          | up p, up q                           | b q
            TWO | b q   | down base     | down q, down p, down b, down a       | -
            TWO | b q   | down a        | down b                               | a q
            """)
    void plans(String graph, String heads, String command, String expected, String after) {
        RevisionGraph g = GraphDsl.graph(graph);
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
        assertThat(GraphDsl.show(steps)).isEqualTo(expected);
        Set<RevisionId> replay = new TreeSet<>(current);
        for (Step s : steps) {
            assertThat(replay).containsAll(s.removeHeads());
            replay.removeAll(s.removeHeads());
            replay.addAll(s.addHeads());
        }
        assertThat(GraphDsl.show(replay)).isEqualTo(after.trim());
        assertThat(g.headsOf(g.applied(replay))).isEqualTo(replay);
    }

    private static List<Step> plan(RevisionGraph g, Set<RevisionId> current, String[] cmd) {
        if (cmd[0].equals("up")) {
            return g.upgradeSteps(current, cmd[1]);
        }
        // "cascade" is downgrade --cascade: dependents on other branches are reverted too
        return g.downgradeSteps(current, cmd[1], cmd[0].equals("cascade"));
    }

    @org.junit.jupiter.api.Test
    void downgradeNamesTheDependentsOnOtherBranchesItWouldRevert() {
        RevisionGraph g = GraphDsl.graph(GraphDsl.DEP);
        assertThatThrownBy(() -> g.downgradeSteps(GraphDsl.ids("d"), "a"))
                .hasMessage("downgrade a would also revert 1 revision(s) of other branches that depend on what it"
                        + " reverts: d depends on b; nothing was changed: downgrade those first, or add --cascade to"
                        + " revert them too");
    }

    @ParameterizedTest(name = "{0} | {1} | stamp {2} (purge {3}) -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            LIN | -     | head    | false | d
            LIN | b     | d       | false | d
            LIN | d     | b       | false | b
            LIN | d     | base    | false | -
            LIN | x     | b       | true  | b
            LIN | b     | +1      | false | ERROR TARGET_INVALID
            LIN | b     | c-1     | false | b
            BR  | c2    | d       | false | c2 d
            BR  | c2 d2 | c       | true  | c
            BR  | c2 d2 | c       | false | c d2
            BR  | c2 d2 | x@base  | false | d2
            BR  | -     | heads   | false | c2 d2
            BR  | -     | head    | false | ERROR MULTIPLE_HEADS
            MG  | c d   | m       | false | m
            MG  | n     | c       | false | c
            DEP | d     | a       | false | a
            TWO | b     | q       | false | b q
            TWO | b q   | base    | true  | -
            """)
    void stamps(String graph, String heads, String target, boolean purge, String expected) {
        RevisionGraph g = GraphDsl.graph(graph);
        Set<RevisionId> current = GraphDsl.ids(heads);
        if (expected.startsWith("ERROR")) {
            assertThatThrownBy(() -> g.stampHeads(current, target, purge))
                    .isInstanceOfSatisfying(StrataException.class,
                            e -> assertThat(e.code().name()).isEqualTo(expected.substring(6).trim()));
            return;
        }
        assertThat(GraphDsl.show(g.stampHeads(current, target, purge))).isEqualTo(expected);
    }
}
