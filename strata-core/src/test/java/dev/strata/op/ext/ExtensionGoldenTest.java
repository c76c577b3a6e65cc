package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.Op;
import dev.strata.op.Renderer;
import dev.strata.op.Reversal;
import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders every case of {@link ExtCases} (upgrade, then the reverse) and compares the listing with
 * {@code fixtures/ext/<case>.sql}; all cases with hostile names go to {@code fixtures/ext/hostile_names.sql}.
 * Run with {@code -Dgolden.update=true} to rewrite the files, then review the diff.
 */
class ExtensionGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/ext");
    private static final Path SOURCES = Path.of("src/main/java/dev/strata/op/ext");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesItsGoldenFile() {
        return ExtCases.cases(ExtCases.PLAIN).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> check(DIR.resolve(e.getKey() + ".sql"), listing(e.getKey(), e.getValue()))));
    }

    @Test
    void hostileNamesMatchTheirGoldenFile() throws IOException {
        StringBuilder out = new StringBuilder();
        ExtCases.cases(ExtCases.HOSTILE).forEach((name, op) -> out.append(listing(name, op)).append('\n'));
        check(DIR.resolve("hostile_names.sql"), out.toString());
    }

    /** Adding an op record without a case (and so without a golden file) fails here. */
    @Test
    void everyExtensionOpRecordHasACase() throws IOException {
        Set<String> records;
        try (Stream<Path> files = Files.list(SOURCES)) {
            records = files.filter(p -> {
                try {
                    return Files.readString(p).matches("(?s).*public record \\w+\\(.*implements ExtensionOp.*");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(p -> p.getFileName().toString().replace(".java", "")).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> covered = ExtCases.cases(ExtCases.PLAIN).values().stream().map(o -> o.getClass().getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(records).hasSizeGreaterThanOrEqualTo(18);
        assertThat(covered).containsAll(records);
    }

    /** The core renderer hands extension ops to ours. */
    @Test
    void coreRendererDelegates() {
        ExtensionOp op = ExtCases.cases(ExtCases.PLAIN).get("add_retention_policy");
        assertThat(Renderer.render(op)).isEqualTo(ExtensionRenderer.render(op));
    }

    static String listing(String name, ExtensionOp op) {
        StringBuilder out = new StringBuilder("-- case: ").append(name).append('\n');
        out.append("-- op: ").append(op.describe()).append("\n\n-- upgrade\n");
        statements(out, ExtensionRenderer.render(op));
        Reversal r = op.reverse();
        if (r instanceof Reversal.Irreversible irr) {
            out.append("\n-- downgrade: irreversible: ").append(irr.reason()).append('\n');
        } else {
            List<Op> ops = ((Reversal.Reversible) r).ops();
            out.append("\n-- downgrade").append(ops.isEmpty() ? ": nothing to undo" : "").append('\n');
            for (Op o : ops) {
                statements(out, ExtensionRenderer.render((ExtensionOp) o));
            }
        }
        return out.toString();
    }

    private static void statements(StringBuilder out, List<Statement> statements) {
        for (Statement s : statements) {
            String hazards = s.hazards().isEmpty() ? "none"
                    : s.hazards().stream().map(Hazard::name).sorted().collect(Collectors.joining(", "));
            out.append("-- ").append(s.tx()).append("; hazards: ").append(hazards).append('\n');
            out.append(s.sql()).append(";\n");
        }
    }

    private static void check(Path golden, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("missing " + golden + ": run the tests with -Dgolden.update=true and review the new file");
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    static Map<String, ExtensionOp> plain() {
        return ExtCases.cases(ExtCases.PLAIN);
    }
}
