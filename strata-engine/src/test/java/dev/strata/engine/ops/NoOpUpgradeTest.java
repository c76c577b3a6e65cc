package dev.strata.engine.ops;

import dev.strata.engine.Runs;
import dev.strata.engine.Workspace;
import dev.strata.engine.config.ConfigLoader;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Direction;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An upgrade with nothing pending skips the pre-checks and still verifies the applied revisions under the lock; the
 * connection made in the background while the files are read reports its failure like a direct one.
 */
class NoOpUpgradeTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Workspace workspace(String url, List<RunEvent> events) {
        return new Workspace(new ConfigLoader.Inputs(Optional.empty(), Optional.of("production"), Optional.of(url),
                Optional.of(dir.resolve("migrations")), Optional.empty(), Map.of(), dir), events::add);
    }

    private void revision(String id, String parent, String table) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/" + id + ".sql"), "-- strata:revision " + id + "\n-- strata:parents "
                + parent + "\n\n-- strata:upgrade\nCREATE TABLE " + table + " (id int);\n\n-- strata:downgrade\nDROP TABLE "
                + table + ";\n");
    }

    private static Upgrade.Outcome upgrade(Workspace w) {
        return Upgrade.run(w, "head", Runs.Options.DEFAULT, Upgrade.Options.CONFIGURED, RunListener.NONE);
    }

    @Test
    void preChecksRunWhenSomethingIsPendingAndNotWhenNothingIs() throws Exception {
        revision("a1", "base", "t1");
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Workspace w = workspace(db.jdbcUrl(), events)) {
            Upgrade.Outcome first = upgrade(w);
            assertThat(first.preflight()).isNotNull();
            assertThat(first.steps()).hasSize(1);
        }
        try (Workspace w = workspace(db.jdbcUrl(), events)) {
            Upgrade.Outcome again = upgrade(w);
            assertThat(again.preflight()).isNull();
            assertThat(again.steps()).isEmpty();
        }
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Notice n
                && n.text().equals("preflight: nothing pending, pre-checks skipped")).hasSize(1);
        revision("a2", "a1", "t2");
        try (Workspace w = workspace(db.jdbcUrl(), events)) {
            Upgrade.Outcome next = upgrade(w);
            assertThat(next.preflight()).isNotNull();
            assertThat(next.steps()).extracting(s -> s.id().value()).containsExactly("a2");
        }
    }

    @Test
    void aChangedFileIsRefusedAlsoWhenNothingIsPending() throws Exception {
        revision("a1", "base", "t1");
        try (Workspace w = workspace(db.jdbcUrl(), new CopyOnWriteArrayList<>())) {
            upgrade(w);
        }
        Files.writeString(dir.resolve("migrations/a1.sql"), Files.readString(dir.resolve("migrations/a1.sql"))
                .replace("(id int)", "(id bigint)"));
        try (Workspace w = workspace(db.jdbcUrl(), new CopyOnWriteArrayList<>())) {
            assertThatThrownBy(() -> upgrade(w)).isInstanceOf(StrataException.class)
                    .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
        }
    }

    @Test
    void aBackgroundConnectionThatFailsIsReportedWhenTheDatabaseIsNeeded() throws Exception {
        revision("a1", "base", "t1");
        String refused = "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody";
        try (Workspace w = workspace(refused, new CopyOnWriteArrayList<>())) {
            w.connectInBackground();
            assertThat(w.migrations().graph().all()).hasSize(1);
            assertThatThrownBy(w::target).isInstanceOf(StrataException.class)
                    .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CONNECTION_FAILED));
            assertThatThrownBy(w::target).isInstanceOf(StrataException.class); // the same failure, not a second wait
        }
        try (Workspace w = workspace(refused, new CopyOnWriteArrayList<>())) {
            w.connectInBackground();
            assertThatThrownBy(() -> Runs.online(w, Direction.UP, "head", Runs.Options.DEFAULT, RunListener.NONE))
                    .isInstanceOf(StrataException.class)
                    .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CONNECTION_FAILED));
        }
    }
}
