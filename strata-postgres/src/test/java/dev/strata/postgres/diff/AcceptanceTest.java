package dev.strata.postgres.diff;

import dev.strata.diff.DiffOptions;
import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;

/**
 * Every folder under {@code fixtures/accept}: before.sql to after.sql and back, against the real server. A
 * folder with {@code requires.txt} (extension names) needs those extensions: it fails on CI and skips elsewhere
 * without them ({@link Extensions}).
 */
class AcceptanceTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path root = Path.of(AcceptanceTest.class.getResource("/fixtures/accept").toURI());
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTrip(String name) throws Exception {
        if (AcceptanceTest.class.getResource("/fixtures/accept/" + name + "/requires.txt") != null) {
            try (Connection c = db.connect()) {
                for (String ext : read(name, "requires.txt").strip().split("\\s+")) {
                    Extensions.requireAvailable(c, ext);
                }
            }
        }
        String expected = AcceptanceTest.class.getResource("/fixtures/accept/" + name + "/downgrade-unsupported.txt") == null
                ? null : read(name, "downgrade-unsupported.txt").strip();
        new RoundTrip(db).run(read(name, "before.sql"), read(name, "after.sql"), DiffOptions.defaults(), expected);
    }

    static String read(String name, String file) {
        try (var in = AcceptanceTest.class.getResourceAsStream("/fixtures/accept/" + name + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
