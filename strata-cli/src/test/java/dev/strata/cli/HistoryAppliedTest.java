package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code history --applied} reads the database's audit log only: it needs no migrations folder. */
class HistoryAppliedTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void auditLogWithoutMigrationsFolder() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("r1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        try (Stream<Path> files = Files.walk(dir.resolve("migrations"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(dir.resolve("migrations")).doesNotExist();

        var text = cli.run("history", "--applied");
        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out()).contains("upgrade").contains("r1").contains("ok");
        var json = cli.run("history", "--applied", "--json");
        assertThat(json.code()).as(json.toString()).isZero();
        assertThat(SchemaCheck.parse(json.out()).get("history").get(0).get("revision").asText()).isEqualTo("r1");
        // the revision list itself still needs the folder, and says so
        var list = cli.run("history");
        assertThat(list.code()).isEqualTo(2);
        assertThat(list.err()).contains("migrations directory 'migrations' does not exist");
    }
}
