package dev.strata.postgres;

import dev.strata.plan.Backfill;
import dev.strata.run.StateTables;
import dev.strata.run.StatementFailedException;
import dev.strata.run.Target;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackfillRunnerTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private long scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void walksTheKeyInBatchesAndIsResumable() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id bigint PRIMARY KEY, amount int, note text)");
            s.execute("INSERT INTO items SELECT g, g % 100, CASE WHEN g % 10 = 0 THEN 'kept' END FROM generate_series(1, 10000) g");
            s.execute("ANALYZE items");
            JdbcTarget target = new JdbcTarget(c, StateTables.DEFAULT, "test");
            Backfill b = new Backfill("\"public\".\"items\"", List.of("\"id\""), "\"note\" = 'n' || \"amount\" || '/' || \"id\"",
                    "\"note\" IS NULL", 1000, Duration.ZERO);
            List<Target.BackfillProgress> seen = new ArrayList<>();
            long rows = target.runBackfill(b, seen::add);
            assertThat(rows).isEqualTo(9000);
            assertThat(seen).isNotEmpty();
            assertThat(seen.get(seen.size() - 1).rowsDone()).isEqualTo(9000);
            assertThat(seen.get(0).estimatedTotal()).isEqualTo(10000);
            assertThat(scalar(c, "SELECT count(*) FROM items WHERE note IS NULL")).isZero();
            assertThat(scalar(c, "SELECT count(*) FROM items WHERE note = 'kept'")).isEqualTo(1000);
            assertThat(scalar(c, "SELECT count(*) FROM items WHERE note = 'n' || amount || '/' || id")).isEqualTo(9000);
            // running it again finds nothing pending
            assertThat(target.runBackfill(b, p -> { })).isZero();
        }
    }

    @Test
    void compositeKeyAndEveryRow() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"Odd Table\" (a int, b text, v int, PRIMARY KEY (a, b))");
            s.execute("INSERT INTO \"Odd Table\" SELECT g % 7, 'k' || g, 0 FROM generate_series(1, 2500) g");
            JdbcTarget target = new JdbcTarget(c, StateTables.DEFAULT, "test");
            Backfill b = new Backfill("\"public\".\"Odd Table\"", List.of("\"a\"", "\"b\""), "\"v\" = \"a\" + 1", null, 333,
                    Duration.ZERO);
            assertThat(target.runBackfill(b, p -> { })).isEqualTo(2500);
            assertThat(scalar(c, "SELECT count(*) FROM \"Odd Table\" WHERE v = a + 1")).isEqualTo(2500);
        }
    }

    @Test
    void failureNamesTheTableAndWhatWasDone() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id int PRIMARY KEY, v int CHECK (v < 500))");
            s.execute("INSERT INTO items SELECT g, 0 FROM generate_series(1, 1000) g");
            JdbcTarget target = new JdbcTarget(c, StateTables.DEFAULT, "test");
            Backfill b = new Backfill("\"public\".\"items\"", List.of("\"id\""), "\"v\" = \"id\"", "\"v\" = 0", 100,
                    Duration.ZERO);
            assertThatThrownBy(() -> target.runBackfill(b, p -> { }))
                    .isInstanceOf(StatementFailedException.class)
                    .hasMessageContaining("\"items\"").hasMessageContaining("after 400 rows (4 batches committed)")
                    .hasMessageContaining("check constraint");
            assertThat(scalar(c, "SELECT count(*) FROM items WHERE v = id")).isEqualTo(400);
        }
    }
}
