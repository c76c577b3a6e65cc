package dev.strata.engine.lint;

import dev.strata.lint.TableSize;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Table sizes for size-aware lint: all names in one query, one by one when a name fails that query. */
class TableSizesTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void readsEveryExistingTableAndSkipsWhatCannotBeRead() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (id int)");
            s.execute("INSERT INTO a SELECT generate_series(1, 30)");
            s.execute("ANALYZE a");
            s.execute("CREATE TABLE b (id int)"); // never analyzed: its rows are counted
            s.execute("INSERT INTO b SELECT generate_series(1, 7)");
            s.execute("CREATE TABLE p (id int) PARTITION BY RANGE (id)");
            s.execute("CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (100)");
            s.execute("INSERT INTO p SELECT generate_series(1, 5)");

            Map<String, TableSize> all = TableSizes.read(c, List.of("a", "b", "p", "missing"));
            assertThat(all).containsOnlyKeys("a", "b", "p");
            assertThat(all.get("a").rows()).isEqualTo(30);
            assertThat(all.get("b").rows()).isEqualTo(7);
            assertThat(all.get("p").rows()).isEqualTo(5);

            Map<String, TableSize> some = TableSizes.read(c, List.of("a", "nosuchschema.t", "b"));
            assertThat(some).containsOnlyKeys("a", "b");
            assertThat(some.get("b").rows()).isEqualTo(7);
        }
    }
}
