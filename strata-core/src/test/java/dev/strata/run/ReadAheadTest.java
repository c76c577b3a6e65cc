package dev.strata.run;

import dev.strata.graph.Step;
import dev.strata.script.MigrationScript;
import dev.strata.script.ScriptLoader;
import dev.strata.script.SqlMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReadAheadTest {
    @TempDir
    Path project;

    /** A chain of {@code n} revisions read lazily (their sections split on first use), as a run reads them. */
    private MigrationSet chain(int n) throws IOException {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        for (int i = 1; i <= n; i++) {
            Files.writeString(dir.resolve(String.format("%03d_t%d.sql", i, i)), "-- strata:revision r" + i + "\n"
                    + (i > 1 ? "-- strata:parents r" + (i - 1) + "\n" : "") + "-- strata:upgrade\nCREATE TABLE t" + i
                    + " (id int);\nCREATE INDEX t" + i + "_id ON t" + i + " (id);\n-- strata:downgrade\nDROP TABLE t" + i
                    + ";\n", StandardCharsets.UTF_8);
        }
        return MigrationSet.of(ScriptLoader.load(dir, project, true));
    }

    private static boolean split(MigrationSet set, Step step) {
        return ((SqlMigration) set.script(step.id())).splitsCleanly();
    }

    /** Waits until the step at {@code index} is split (the read-ahead thread's work), at most five seconds. */
    private static void awaitSplit(MigrationSet set, List<Step> steps, int index) throws InterruptedException {
        for (int i = 0; i < 500 && !split(set, steps.get(index)); i++) {
            Thread.sleep(10);
        }
        assertThat(split(set, steps.get(index))).as("step %d read ahead", index).isTrue();
    }

    @Test
    void oneWakeUpReadsSeveralStepsAheadAndTheNextComesOnlyWhenFewAreLeft() throws Exception {
        MigrationSet set = chain(30);
        List<Step> steps = set.graph().upgradeSteps(Set.of(), "head");
        assertThat(steps).hasSize(30);
        assertThat(steps).noneMatch(s -> split(set, s)); // nothing split yet: the loader only read the headers
        try (ReadAhead ahead = new ReadAhead(steps, s -> set.script(s.id()))) {
            ahead.at(0);
            awaitSplit(set, steps, ReadAhead.HIGH);
            Thread.sleep(50);
            assertThat(split(set, steps.get(ReadAhead.HIGH + 1))).as("past the first read").isFalse();
            // while at least LOW steps past the running one are read, the thread is not woken again
            for (int running = 1; running <= ReadAhead.HIGH - ReadAhead.LOW; running++) {
                ahead.at(running);
            }
            Thread.sleep(50);
            assertThat(split(set, steps.get(ReadAhead.HIGH + 1))).isFalse();
            // one step more and fewer than LOW are left: it reads on to HIGH past the running one
            int running = ReadAhead.HIGH - ReadAhead.LOW + 1;
            ahead.at(running);
            awaitSplit(set, steps, running + ReadAhead.HIGH);
            assertThat(steps.subList(0, running + ReadAhead.HIGH + 1)).allMatch(s -> split(set, s));
            // the last steps: it reads to the end and no further
            ahead.at(steps.size() - 2);
            awaitSplit(set, steps, steps.size() - 1);
        }
        List<MigrationScript> all = steps.stream().map(s -> set.script(s.id())).toList();
        assertThat(all).allMatch(m -> m.upgradePlan().size() == 2);
    }

    @Test
    void aOneStepRunReadsNothingAhead() throws Exception {
        MigrationSet set = chain(1);
        List<Step> steps = set.graph().upgradeSteps(Set.of(), "head");
        try (ReadAhead ahead = new ReadAhead(steps, s -> set.script(s.id()))) {
            ahead.at(0);
            Thread.sleep(50);
            assertThat(split(set, steps.get(0))).as("the runner splits the running step itself").isFalse();
        }
    }
}
