package dev.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no --dev-url and no dev_url, autogenerate builds its scratch databases in a throw-away embedded
 * PostgreSQL (never the project's .strata/), and diff does the same.
 */
class AutogenerateEmbeddedScratchTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void autogenerateAndDiffWithoutADevUrl() throws Exception {
        Cli cli = new Cli(dir, null);
        Files.createDirectories(dir.resolve("schema"));
        Files.writeString(dir.resolve("strata.toml"), "[strata]\nschema_dir = \"schema\"\n");
        Files.writeString(dir.resolve("schema/01.sql"), "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL);\n");

        var r = cli.run("revision", "--autogenerate", "-m", "items", "--rev-id", "a1");
        assertThat(r.code()).as(r.toString()).isZero();
        try (Stream<Path> s = Files.list(dir.resolve("migrations"))) {
            Path file = s.filter(p -> p.getFileName().toString().startsWith("a1_")).findFirst().orElseThrow();
            assertThat(Files.readString(file).replace("\"", "")).contains("CREATE TABLE public.items");
        }
        assertThat(dir.resolve(".strata/pgdata")).doesNotExist();

        var same = cli.run("diff", "head", "schema");
        assertThat(same.code()).as(same.toString()).isZero();
        assertThat(same.out()).isEmpty();
    }
}
