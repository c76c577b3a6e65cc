package dev.strata.engine.ops;

import dev.strata.engine.config.OpsSettings;
import dev.strata.engine.config.Sizes;
import dev.strata.error.StrataException;
import dev.strata.lint.LockLevel;
import dev.strata.lint.StatementFacts;
import dev.strata.sql.SqlSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of the operations that need no database: CSV, sizes, lock conflicts, statement facts, pruning. */
class OpsPartsTest {
    @TempDir
    Path dir;

    @Test
    void csvReadsAsCopyDoes() {
        assertThat(Csv.parse("a,b,c\r\n1,\"x, \"\"y\"\"\",\n\n2,\"\",\"multi\nline\"", "f.csv")).containsExactly(
                List.of("a", "b", "c"), Arrays.asList("1", "x, \"y\"", null), List.of("2", "", "multi\nline"));
        assertThatThrownBy(() -> Csv.parse("a\n\"open", "f.csv")).isInstanceOf(StrataException.class)
                .hasMessage("f.csv:2: a quoted field is not closed; add the closing double quote");
        assertThatThrownBy(() -> Csv.parse("a\n\"x\"y", "f.csv"))
                .hasMessage("f.csv:2: text after a closing quote; quote the whole field and double any quote inside it");
    }

    @Test
    void sizes() {
        assertThat(Sizes.parse("500MB")).contains(500L << 20);
        assertThat(Sizes.parse("2 gb")).contains(2L << 30);
        assertThat(Sizes.parse("0")).contains(0L);
        assertThat(Sizes.parse("lots")).isEmpty();
        assertThat(Sizes.format(3_500_000)).isEqualTo("3.3 MB");
        assertThat(Sizes.format(12)).isEqualTo("12 B");
    }

    @Test
    void lockConflictsFollowPostgresTable() {
        assertThat(Preflight.conflicts("AccessShareLock", LockLevel.ACCESS_EXCLUSIVE)).isTrue();
        assertThat(Preflight.conflicts("AccessShareLock", LockLevel.SHARE)).isFalse();
        assertThat(Preflight.conflicts("RowExclusiveLock", LockLevel.SHARE)).isTrue();
        assertThat(Preflight.conflicts("RowExclusiveLock", LockLevel.SHARE_UPDATE_EXCLUSIVE)).isFalse();
        assertThat(Preflight.conflicts("ShareUpdateExclusiveLock", LockLevel.SHARE_UPDATE_EXCLUSIVE)).isTrue();
    }

    @Test
    void statementFactsNameTablesLocksAndIndexBuilds() {
        var facts = StatementFacts.of(SqlSplitter.split("CREATE TABLE n (id int);\n"
                + "ALTER TABLE Orders ALTER COLUMN n TYPE bigint;\n"
                + "CREATE INDEX CONCURRENTLY o_v ON sales.orders (v);\nDROP INDEX o_w;\n", 1));
        assertThat(facts).extracting(StatementFacts.Touch::table, StatementFacts.Touch::lock,
                StatementFacts.Touch::buildsIndex).containsExactly(
                org.assertj.core.groups.Tuple.tuple("orders", LockLevel.ACCESS_EXCLUSIVE, false),
                org.assertj.core.groups.Tuple.tuple("sales.orders", LockLevel.SHARE_UPDATE_EXCLUSIVE, true));
    }

    @Test
    void pruneKeepsTheNewestOfThisDatabaseByCountAndAge() throws Exception {
        for (String f : List.of("app_20261201T000000Z_base-a.dump", "app_20261205T000000Z_a-b.dump",
                "app_20261206T000000Z_b-c.dump", "app_20261206T100000Z_c-d.dump", "other_20261101T000000Z_x-y.dump",
                "notes.txt")) {
            Files.writeString(dir.resolve(f), "x");
        }
        var cfg = new OpsSettings.Backup(true, dir, Optional.empty(), Optional.empty(), 3, Duration.ofDays(7));
        Instant now = Instant.parse("2026-12-09T00:00:00Z");
        List<Path> pruned = Backups.prune(cfg, "app", dir.resolve("app_20261206T100000Z_c-d.dump"), now);
        assertThat(pruned).extracting(p -> p.getFileName().toString())
                .containsExactly("app_20261201T000000Z_base-a.dump");
        var byAge = new OpsSettings.Backup(true, dir, Optional.empty(), Optional.empty(), 0, Duration.ofDays(3));
        assertThat(Backups.prune(byAge, "app", dir.resolve("app_20261206T100000Z_c-d.dump"), now))
                .extracting(p -> p.getFileName().toString()).containsExactly("app_20261205T000000Z_a-b.dump");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "app_20261206T000000Z_b-c.dump", "app_20261206T100000Z_c-d.dump", "notes.txt",
                    "other_20261101T000000Z_x-y.dump");
        }
    }
}
