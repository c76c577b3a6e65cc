package dev.strata.op;

import dev.strata.plan.Backfill;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders each sample op (and a few op lists) and compares with {@code fixtures/render/<case>.sql}: the
 * statements with their transaction mode and hazards as comments. {@code -Dgolden.update=true} rewrites them.
 */
class RenderGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/render");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> golden() {
        List<DynamicTest> tests = new ArrayList<>();
        OpSamples.all("users", "email").forEach((name, op) ->
                tests.add(DynamicTest.dynamicTest(name, () -> check(name, Renderer.render(List.of(op))))));
        OpSamples.lists().forEach((name, ops) ->
                tests.add(DynamicTest.dynamicTest(name, () -> check(name, Renderer.render(ops)))));
        return tests.stream();
    }

    @Test
    void renderingIsDeterministic() {
        for (Map.Entry<String, Op> e : OpSamples.all("users", "email").entrySet()) {
            assertThat(listing(Renderer.render(e.getValue()))).as(e.getKey())
                    .isEqualTo(listing(Renderer.render(e.getValue())));
        }
    }

    private static void check(String name, List<Statement> statements) throws IOException {
        String actual = listing(statements);
        Path golden = DIR.resolve(name + ".sql");
        if (UPDATE) {
            Files.createDirectories(DIR);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("missing " + golden + ": run the tests with -Dgolden.update=true and review the new file");
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    static String listing(List<Statement> statements) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            out.append("-- [").append(i + 1).append("] ").append(s.tx());
            if (!s.hazards().isEmpty()) {
                out.append(' ').append(s.hazards().stream().map(Enum::name).sorted().toList());
            }
            out.append(" (").append(s.source()).append(")\n");
            if (s.tx() == Tx.BATCHED) {
                Backfill b = s.backfill();
                out.append("-- UPDATE ").append(b.table()).append(" SET ").append(b.assignments())
                        .append(b.pending() == null ? "" : " WHERE " + b.pending())
                        .append(" -- by ").append(b.key()).append(", ").append(b.batchSize()).append(" rows, pause ")
                        .append(b.pause()).append('\n');
            } else {
                out.append(s.sql()).append(";\n");
            }
        }
        return out.toString();
    }
}
