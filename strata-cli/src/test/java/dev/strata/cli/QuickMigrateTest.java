package dev.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain upgrade, downgrade and current command lines skip picocli and behave as picocli's; anything else goes to picocli.
 */
class QuickMigrateTest {
    @TempDir
    Path dir;

    private record Result(Integer code, String out, String err) {
    }

    private Result quick(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Integer code = QuickMigrate.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir, List.of(args).contains("--json"));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void leavesEverythingButThePlainUpgradeDowngradeAndCurrentToPicocli() {
        for (String[] line : List.of(new String[] {"--help"}, new String[] {"upgrade", "--help"},
                new String[] {"--resume", "upgrade"}, new String[] {"upgrade", "a", "b"},
                new String[] {"--url=x", "upgrade"}, new String[] {"--url", "upgrade"},
                new String[] {"upgrade", "--sql"}, new String[] {"upgrade", "--lock-wait", "5s"},
                new String[] {"upgrade", "-q", "-q"}, new String[] {"upgrade", "--seed", "--no-seed"},
                new String[] {"-qv", "upgrade"}, new String[] {"downgrade"}, new String[] {"head", "upgrade"},
                new String[] {"downgrade", "base", "--resume"}, new String[] {"upgrade", "--cascade"},
                new String[] {"downgrade", "--sql", "head:base"}, new String[] {"upgrade", "downgrade", "base"},
                new String[] {"downgrade", "base", "--cascade", "--cascade"}, new String[] {"downgrade", "a", "b"},
                new String[] {"current", "head"}, new String[] {"current", "--help"}, new String[] {"current", "upgrade"},
                new String[] {"current", "--cascade"},
                new String[] {"--wait-for-db", "5s", "upgrade"}, new String[] {"upgrade", "-"})) {
            assertThat(quick(line).code()).as(String.join(" ", line)).isNull();
        }
    }

    @Test
    void failsExactlyAsThroughPicocli() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/a1.sql"), "-- strata:revision a1\n\n-- strata:upgrade\nCREATE TABLE t"
                + " (id int);\n\n-- strata:downgrade\nDROP TABLE t;\n");
        String refused = "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody";
        for (List<String> line : List.of(List.of("--url", refused, "--dir", "migrations", "upgrade"),
                List.of("--url", refused, "upgrade", "head", "--dir", "migrations", "--json", "--no-seed"),
                List.of("--dir", "nope", "upgrade", "-q"),
                List.of("--url", refused, "--dir", "migrations", "downgrade", "base"),
                List.of("--url", refused, "downgrade", "base", "--cascade", "--dir", "migrations", "--json"),
                List.of("--dir", "nope", "downgrade", "base", "-q"),
                List.of("--url", refused, "--dir", "migrations", "current"),
                List.of("--url", refused, "current", "--json", "--dir", "migrations"))) {
            // the same run, spelt as only picocli takes it: --dir=DIR in one word
            List<String> viaPicocli = new ArrayList<>(line);
            int dir = viaPicocli.indexOf("--dir");
            viaPicocli.set(dir, "--dir=" + viaPicocli.remove(dir + 1));
            assertThat(quick(viaPicocli.toArray(String[]::new)).code()).isNull();
            Result quick = quick(line.toArray(String[]::new));
            Result picocli = main(viaPicocli.toArray(String[]::new));
            assertThat(quick.code()).as(line.toString()).isNotNull().isEqualTo(picocli.code()).isNotZero();
            assertThat(quick.out()).isEqualTo(picocli.out());
            assertThat(quick.err()).isEqualTo(picocli.err()).isNotEmpty();
        }
    }
}
