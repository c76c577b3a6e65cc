package dev.strata.bench.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every change, both modes, on a small table on the real server at 127.0.0.1:5432, under a light write load. */
class OnlineAgainstPostgresTest {

    private static final String NAME = "bench_online_test";
    private static final BenchDatabase DATABASE = new BenchDatabase(OnlineOptions.DEFAULT_URL, NAME);
    private static final long ROWS = 5_000;

    @BeforeAll
    static void load() throws Exception {
        DATABASE.load(ROWS, 1_000);
    }

    @AfterAll
    static void drop() throws Exception {
        DATABASE.drop();
    }

    @Test
    void eachStrataChangeEndsInPlaceUnderLoadAndItsUndoTakesItAway() throws Exception {
        for (OnlineOp op : OnlineOp.values()) {
            DATABASE.undo(op);
            assertThat(DATABASE.verify(op)).as("%s before", op).isFalse();
            WriteLoad load = WriteLoad.start(DATABASE.url(), 100, 2, ROWS, 1_000, DATABASE.maxId());
            try (Connection c = DriverManager.getConnection(DATABASE.url())) {
                StrataOpsChanges.forOp(op).apply(c);
            } finally {
                WindowStats stats = load.stop().summarize(0, Long.MAX_VALUE);
                assertThat(stats.errors()).as("%s write errors %s", op, stats.errorSamples()).isZero();
            }
            assertThat(DATABASE.verify(op)).as("%s in place", op).isTrue();
            DATABASE.undo(op);
            assertThat(DATABASE.verify(op)).as("%s undone", op).isFalse();
        }
    }

    @Test
    void theBenchmarkRunsEveryChangeInBothModesAndPrintsTheTable() throws Exception {
        OnlineOptions options = OnlineOptions.parse(new String[] {
            "--rows", String.valueOf(ROWS), "--rate", "50", "--settle-ms", "200", "--reuse", "--keep"});
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        List<RunResult> results = new OnlineDdlBenchmark(options, StrataOpsChanges::forOp,
                new PrintStream(buffer, true, StandardCharsets.UTF_8), NAME).run();

        String report = buffer.toString(StandardCharsets.UTF_8);
        assertThat(results).as(report).hasSize(2 * OnlineOp.values().length)
                .allSatisfy(r -> {
                    assertThat(r.failure()).isNull();
                    assertThat(r.inPlace()).isTrue();
                    assertThat(r.stats().errors()).isZero();
                    assertThat(r.stats().windowWrites()).isPositive();
                });
        assertThat(report)
                .contains("load:    reusing " + NAME)
                .contains(ResultTable.HEADER)
                .containsPattern("(?m)^widen-int +naive +\\d+\\.\\d\\d s")
                .containsPattern("(?m)^add-foreign-key +strata .*(met|MISS)");
        for (OnlineOp op : OnlineOp.values()) {
            assertThat(DATABASE.verify(op)).as("%s undone after the run", op).isFalse();
        }
    }
}
