package dev.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateTest {

    @TempDir
    Path work;

    @Test
    void writesTheSameStatementsInBothFormats() throws Exception {
        Generate.write(work, 3);

        try (Stream<Path> strata = Files.list(Generate.strataDir(work));
             Stream<Path> flyway = Files.list(Generate.flywayDir(work))) {
            assertThat(strata.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("0001_create_t1.sql", "0002_create_t2.sql", "0003_create_t3.sql");
            assertThat(flyway.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("V1__create_t1.sql", "V2__create_t2.sql", "V3__create_t3.sql");
        }
        assertThat(Files.readString(Generate.flywayDir(work).resolve("V2__create_t2.sql"))).isEqualTo(
                "CREATE TABLE bench_t2 (id bigint PRIMARY KEY, name text NOT NULL,"
                        + " created_at timestamptz NOT NULL DEFAULT now());\n"
                        + "CREATE INDEX bench_t2_name_idx ON bench_t2 (name);\n");
        assertThat(Files.readString(Generate.strataDir(work).resolve("0002_create_t2.sql"))).isEqualTo(
                "-- strata:revision r0002\n"
                        + "-- strata:parents r0001\n"
                        + "-- strata:message create t2\n\n"
                        + "-- strata:upgrade\n" + Generate.upgradeSql(2) + "\n"
                        + "-- strata:downgrade\nDROP TABLE bench_t2;\n");
    }

    @Test
    void theFirstRevisionIsARoot() throws Exception {
        Generate.write(work, 1);

        assertThat(Files.readString(Generate.strataDir(work).resolve("0001_create_t1.sql")))
                .startsWith("-- strata:revision r0001\n-- strata:message create t1\n")
                .doesNotContain("parents");
    }

    @Test
    void idsWidenBeyondFourDigitsSoTheyStaySortable() {
        assertThat(Generate.strataRevision(7, 5)).startsWith("-- strata:revision r00007\n-- strata:parents r00006\n");
    }

    @Test
    void refusesAnEmptyCount() {
        assertThatThrownBy(() -> Generate.write(work, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
