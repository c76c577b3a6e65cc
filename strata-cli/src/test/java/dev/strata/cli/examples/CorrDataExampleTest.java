package dev.strata.cli.examples;

import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.stream.Stream;

import static dev.strata.cli.examples.ExampleProject.column;
import static dev.strata.cli.examples.ExampleProject.sql;
import static dev.strata.cli.examples.ExampleProject.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/corrdata (seed 004): the recipe end to end on two named databases. Both are migrated with -n
 * (URLs from [databases.primary] and [databases.replica]); check passes in CI; the recipe's step 1 (the
 * desired schema gains coating_type and installed_at) makes check fail, autogenerate writes the revision,
 * step 4 (upgrade, downgrade -1, upgrade) runs it, and check passes. On the way: PostGIS and
 * TimescaleDB set up by the first revision, the concurrent index, and the rename by expand and contract
 * with data kept.
 */
class CorrDataExampleTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void autogenerateCheckAndTwoNamedDatabases() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            Extensions.requireAvailable(c, "postgis");
            Extensions.requireAvailable(c, "timescaledb");
        }
        String primary = db.jdbcUrl();
        String replica = db.url(db.createDatabase());
        ExampleProject p = ExampleProject.copy("corrdata", dir, null);
        p.env.put("PRIMARY_URL", primary);
        p.env.put("REPLICA_URL", replica);
        p.env.put("DEV_URL", db.adminJdbcUrl());

        // Up to the expand step of the rename on the primary, with data written by the old code
        p.okRaw("-n", "primary", "upgrade", "20251110_090000");
        sql(primary, "INSERT INTO assets (name, old_identifier, location) VALUES"
                + " ('Line 7 valve', 'PL-7-V1', ST_SetSRID(ST_MakePoint(-95.4, 29.7), 4326))",
                "INSERT INTO measurements (asset_uuid, recorded_at, potential_mv)"
                + " SELECT uuid, now() - g * INTERVAL '1 day', -850 FROM assets, generate_series(0, 40) g");
        // both versions of the application meanwhile: the trigger keeps the two columns equal
        sql(primary, "INSERT INTO assets (name, asset_identifier) VALUES ('Line 7 anode', 'PL-7-A1')",
                "UPDATE assets SET asset_identifier = 'PL-7-V2' WHERE old_identifier = 'PL-7-V1'");
        assertThat(column(primary, "SELECT old_identifier || '=' || asset_identifier FROM assets ORDER BY name"))
                .containsExactly("PL-7-A1=PL-7-A1", "PL-7-V2=PL-7-V2");
        p.okRaw("-n", "primary", "upgrade", "head");
        assertThat(column(primary, "SELECT asset_identifier FROM assets ORDER BY 1")).containsExactly("PL-7-A1", "PL-7-V2");
        // the contract step's downgrade brings the old column back, filled, and the sync with it
        p.okRaw("-n", "primary", "downgrade", "-1");
        sql(primary, "UPDATE assets SET old_identifier = 'PL-7-A2' WHERE asset_identifier = 'PL-7-A1'");
        assertThat(column(primary, "SELECT old_identifier || '=' || asset_identifier FROM assets ORDER BY name"))
                .containsExactly("PL-7-A2=PL-7-A2", "PL-7-V2=PL-7-V2");
        p.okRaw("-n", "primary", "upgrade", "head");
        p.okRaw("-n", "replica", "upgrade", "head");
        for (String url : new String[] {primary, replica}) {
            assertThat(value(url, "SELECT revision FROM strata_version")).isEqualTo("20251117_090000");
            assertThat(column(url, "SELECT extname FROM pg_extension")).contains("postgis", "timescaledb");
        }
        assertThat(column(primary, "SELECT asset_identifier FROM assets ORDER BY 1")).containsExactly("PL-7-A2", "PL-7-V2");
        assertThat(value(primary, "SELECT count(*) FROM show_chunks('measurements')")).isNotEqualTo("0");
        assertThat(value(primary, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_assets_location'::regclass"))
                .isEqualTo("t");

        // Step 1: the desired schema changes
        Path assets = p.dir.resolve("schema/10_assets.sql");
        Files.writeString(assets, Files.readString(assets).replace("    asset_identifier varchar(100) NOT NULL\n",
                "    asset_identifier varchar(100) NOT NULL,\n    coating_type varchar(50),\n    installed_at timestamptz\n"));
        var drift = p.runRaw("-n", "primary", "check");
        assertThat(drift.code()).as(drift.toString()).isEqualTo(3);
        assertThat(drift.out() + drift.err()).contains("schema drift").contains("coating_type");
        // Step 2: generate the revision
        var gen = p.runRaw("revision", "--autogenerate", "-m", "Add coating_type and installed_at to assets");
        assertThat(gen.code()).as(gen.toString()).isZero();
        Path written;
        try (Stream<Path> files = Files.list(p.dir.resolve("migrations"))) {
            // the only file not in the example: named by the UTC time and the message
            written = files.filter(f -> !f.getFileName().toString().startsWith("2025")).findFirst().orElseThrow();
        }
        // Step 3: review
        assertThat(Files.readString(written)).as(gen.toString()).contains("-- strata:parents 20251117_090000")
                .contains("ADD COLUMN \"coating_type\" character varying(50)").contains("\"installed_at\"")
                .contains("-- strata:downgrade").contains("DROP COLUMN \"coating_type\"");
        // Step 4: test it locally, downgrade included
        assertThat(written.getFileName().toString()).matches("\\d{8}_\\d{6}_add_coating_type_and_installed_at_to\\.sql");
        p.okRaw("-n", "primary", "upgrade", "head");
        p.okRaw("-n", "primary", "downgrade", "-1");
        assertThat(column(primary, "SELECT column_name FROM information_schema.columns WHERE table_name = 'assets'"
                + " AND column_name IN ('coating_type', 'installed_at')")).isEmpty();
        p.okRaw("-n", "primary", "upgrade", "head");
        assertThat(column(primary, "SELECT column_name FROM information_schema.columns WHERE table_name = 'assets'"
                + " AND column_name IN ('coating_type', 'installed_at')")).containsExactlyInAnyOrder("coating_type", "installed_at");
        // CI: the chain head produces exactly schema/ again, and the primary is at head; the replica gets the new revision with its own upgrade
        var again = p.runRaw("-n", "primary", "check");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(p.okRaw("-n", "replica", "current").out()).doesNotContain("(head)");
        p.okRaw("-n", "replica", "upgrade", "head");
        assertThat(p.okRaw("-n", "replica", "current").out()).contains("(head)");
    }
}
