package dev.strata.engine.ops;

import dev.strata.engine.Strata;
import dev.strata.engine.config.OpsSettings;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.run.RunEvent;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operations through the library facade: records out, progress as notices, nothing printed. */
class OpsFacadeTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void preflightBackupAndSeedThroughTheFacade() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/a1.sql"), "-- strata:revision a1\n-- strata:message a1\n\n"
                + "-- strata:upgrade\nCREATE TABLE kinds (name text PRIMARY KEY);\n\n-- strata:downgrade\nDROP TABLE kinds;\n");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/kinds.csv"), "name\nalpha\nbeta\n");
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        OpsSettings defaults = OpsSettings.defaults("development", dir);
        Strata strata = Strata.configure().url(db.jdbcUrl()).workingDir(dir).listener(events::add)
                .operations(new OpsSettings(defaults.preflight(), defaults.backup(),
                        new OpsSettings.Seeds(true, dir.resolve("data"))))
                .load();

        PreflightReport report = strata.preflight("head");
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.checks()).extracting(PreflightReport.Check::name).containsExactly("connection",
                "server_version", "revisions", "checksums", "extensions", "disk_space", "sessions", "migration_lock");

        strata.upgrade("head");
        Seeds.Report seeds = strata.seed();
        assertThat(seeds.files()).extracting(Seeds.SeedFile::file, Seeds.SeedFile::status, Seeds.SeedFile::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kinds.csv", "loaded", 2));
        assertThat(strata.seed().files().get(0).status()).isEqualTo("unchanged");

        Backups.Backup b = strata.backup();
        assertThat(dir.resolve(b.file())).isRegularFile().hasSize(b.bytes());
        assertThat(b.file()).startsWith("backups/").endsWith("_a1-a1.dump");
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Notice n && n.text().startsWith("backup: "))
                .hasSize(2);

        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        assertThatThrownBy(() -> Strata.configure().dataSource(ds).workingDir(dir).load().backup())
                .isInstanceOf(StrataException.class)
                .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.BACKUP_FAILED))
                .hasMessageStartingWith("backups need a database URL, because pg_dump connects by itself");
    }
}
