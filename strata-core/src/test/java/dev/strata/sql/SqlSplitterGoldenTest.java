package dev.strata.sql;

import dev.strata.error.StrataException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Splits every {@code fixtures/split/*.sql} and compares a readable listing with the {@code .golden} file
 * next to it. Run with {@code -Dgolden.update=true} to rewrite the golden files, then review the diff.
 */
class SqlSplitterGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/split");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(DIR)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(15);
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(),
                () -> check(input)));
    }

    private static void check(Path input) throws IOException {
        String name = input.getFileName().toString();
        String sql = Files.readString(input, StandardCharsets.UTF_8);
        String actual = listing(name, sql);
        Path golden = DIR.resolve(name.replaceAll("\\.sql$", ".golden"));
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("missing " + golden + ": run the tests with -Dgolden.update=true and review the new file");
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** One block per statement: a "=== n, line L" heading, then the text with CR shown as \r. */
    static String listing(String location, String sql) {
        StringBuilder out = new StringBuilder();
        try {
            List<SqlStatement> statements = SqlSplitter.split(sql, 1, location);
            out.append("# ").append(statements.size()).append(" statement(s)\n");
            for (int i = 0; i < statements.size(); i++) {
                SqlStatement s = statements.get(i);
                out.append("=== ").append(i + 1).append(", line ").append(s.line()).append('\n');
                out.append(s.sql().replace("\r", "\\r")).append('\n');
            }
        } catch (StrataException e) {
            out.append("ERROR ").append(e.code()).append(": ").append(e.getMessage()).append('\n');
        }
        return out.toString();
    }
}
