package dev.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** With no URL anywhere, commands run against the project's embedded PostgreSQL in .strata/. */
class EmbeddedDefaultTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void upgradeUsesEmbeddedPostgresAndKeepsItsData() {
        Cli cli = new Cli(dir, null);
        cli.simple("a1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        var up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.err()).contains("embedded PostgreSQL");
        assertThat(dir.resolve(".strata")).isDirectory();
        var current = cli.run("current");
        assertThat(current.code()).as(current.toString()).isZero();
        assertThat(current.out().strip()).isEqualTo("a1 (head)");

        var start = cli.run("dev", "start");
        try {
            assertThat(start.code()).as(start.toString()).isZero();
            var url = cli.run("dev", "url");
            assertThat(url.out()).startsWith("jdbc:postgresql://");
            assertThat(cli.run("dev", "status").out()).startsWith("running");
            assertThat(cli.run("current").out().strip()).isEqualTo("a1 (head)");

            // zonky's distribution has no pg_dump: the machine's client programs dump the embedded database
            var backup = cli.run("backup");
            assertThat(backup.code()).as(backup.toString()).isZero();
            assertThat(backup.out().strip()).matches("backups/\\w+_\\d{8}T\\d{6}Z_a1-a1\\.dump");
            var restore = cli.run("restore", "--yes", backup.out().strip());
            assertThat(restore.code()).as(restore.toString()).isZero();
            assertThat(cli.run("current").out().strip()).isEqualTo("a1 (head)");
        } finally {
            assertThat(cli.run("dev", "stop").code()).isZero();
        }
        assertThat(cli.run("dev", "status").out().strip()).isEqualTo("stopped");
    }
}
