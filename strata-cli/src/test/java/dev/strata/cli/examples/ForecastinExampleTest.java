package dev.strata.cli.examples;

import dev.strata.testkit.Extensions;
import dev.strata.testkit.StrataDatabase;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.strata.cli.examples.ExampleProject.sql;
import static dev.strata.cli.examples.ExampleProject.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/forecastin (seed 001): per-revision tests as the seed writes them, with strata-testkit (upgrade
 * +1, assert, downgrade -1, assert it is gone, upgrade +1 again) for every revision in order, over the imported
 * files and the revisions written since, and the full cycle; through the CLI, the entities with ltree and
 * PostGIS and their GiST indexes, hierarchy_mv refreshed concurrently by its trigger and plainly by the
 * revision that redefines it, and the backfill changing nothing when it runs a second time; and the import
 * of the six loose files with the stamp of a database built from them by hand.
 */
class ForecastinExampleTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    /** The example's revisions through strata-testkit: each test also gets an empty database to move up and down. */
    @RegisterExtension
    static StrataDatabase revisions = StrataDatabase.migrations(
            Path.of("..", "examples", "forecastin", "migrations").toAbsolutePath().normalize().toString()).migratedTo("base");

    @TempDir
    Path dir;

    /** Each revision, in order, and a query that is true once it is applied and false after its downgrade. */
    private static final Map<String, String> EFFECT = new LinkedHashMap<>();

    static {
        EFFECT.put("001_initial_schema", "SELECT to_regclass('entities') IS NOT NULL AND to_regclass('feature_flags') IS NOT NULL");
        EFFECT.put("001_standardize_feature_flag_names", "SELECT to_regclass('feature_flag_name_backup') IS NOT NULL");
        EFFECT.put("002_ml_ab_testing_framework", "SELECT to_regclass('ml_experiment_variants') IS NOT NULL");
        EFFECT.put("004_automated_materialized_view_refresh", "SELECT to_regclass('hierarchy_mv_id_idx') IS NOT NULL"
                + " AND EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'entity_hierarchy_refresh')");
        EFFECT.put("004_rss_entity_extraction_schema", "SELECT to_regclass('rss_entity_mentions') IS NOT NULL");
        EFFECT.put("20251110_090000", "SELECT EXISTS (SELECT 1 FROM strata_version WHERE revision = '20251110_090000')");
        EFFECT.put("20251112_090000", "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'hierarchy_mv'::regclass"
                + " AND attname = 'entity_type' AND NOT attisdropped)");
    }

    @Test
    void theHierarchyAndTheBackfill() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            Extensions.requireAvailable(c, "postgis");
            Extensions.requireAvailable(c, "ltree");
        }
        ExampleProject p = ExampleProject.copy("forecastin", dir, db.jdbcUrl());
        String url = db.jdbcUrl();

        p.ok("upgrade", "head");
        assertThat(p.ok("current").out()).contains("20251112_090000 (head)");
        assertThat(p.run("check").code()).isZero();

        // entities: ltree path and PostGIS point, with GiST indexes
        assertThat(value(url, "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                + " WHERE tablename = 'entities' AND indexdef LIKE '%USING gist%'"))
                .isEqualTo("entities_location_gist_idx,entities_path_gist_idx");
        sql(url, "INSERT INTO entities (name, entity_type, path, path_depth, location) VALUES"
                + " ('Europe', 'region', 'world.europe', 1, ST_SetSRID(ST_MakePoint(10, 50), 4326)),"
                + " ('Germany', 'country', 'world.europe.de', 2, ST_SetSRID(ST_MakePoint(10.4, 51.1), 4326)),"
                + " ('Berlin', 'city', 'world.europe.de.berlin', 3, ST_SetSRID(ST_MakePoint(13.4, 52.5), 4326))");
        // refresh strategy 1: the statement trigger refreshed hierarchy_mv concurrently
        assertThat(value(url, "SELECT descendant_count FROM hierarchy_mv WHERE name = 'Europe'")).isEqualTo("3");
        assertThat(value(url, "SELECT name FROM entities WHERE ST_DWithin(location::geography,"
                + " ST_SetSRID(ST_MakePoint(13.38, 52.52), 4326)::geography, 10000)")).isEqualTo("Berlin");

        // The backfill, the plain refresh of the redefined view: run both again over the new rows
        p.ok("downgrade", "20251110_090000");
        p.ok("downgrade", "-1");
        sql(url, "UPDATE entities SET confidence_score = 0.95 WHERE name = 'Berlin'");
        p.ok("upgrade", "head");
        assertThat(value(url, "SELECT string_agg(name || '=' || confidence_score, ',' ORDER BY path) FROM entities"))
                .isEqualTo("Europe=0.7,Germany=0.8,Berlin=0.95");
        assertThat(value(url, "SELECT string_agg(entity_type || ':' || descendant_count, ',' ORDER BY path) FROM hierarchy_mv"))
                .isEqualTo("region:3,country:2,city:1");
        // idempotent: running it again on a database where the scores are there changes nothing
        String before = value(url, "SELECT string_agg(id || updated_at::text, ',' ORDER BY id) FROM entities");
        p.ok("downgrade", "004_rss_entity_extraction_schema");
        p.ok("upgrade", "head");
        assertThat(value(url, "SELECT string_agg(id || updated_at::text, ',' ORDER BY id) FROM entities")).isEqualTo(before);
        assertThat(p.ok("history", "--applied").out()).contains("upgrade         20251110_090000");
    }

    /**
     * The seed's unit tests, written with strata-testkit: for every revision in order, upgrade +1 and assert
     * what it made, downgrade -1 and assert it is gone, upgrade +1 again; then its integration test, from an
     * empty schema to head.
     */
    @Test
    void perRevisionTestsWithTheTestkit() throws Exception {
        try (Connection c = revisions.connect()) {
            Extensions.requireAvailable(c, "postgis");
            Extensions.requireAvailable(c, "ltree");
        }
        for (Map.Entry<String, String> e : EFFECT.entrySet()) {
            assertThat(revisions.upgrade("+1")).containsExactly(e.getKey());
            assertThat(revisions.queryForString(e.getValue())).as(e.getKey() + " applied").isEqualTo("t");
            if (e.getKey().equals("001_initial_schema")) {
                revisions.execute("INSERT INTO feature_flags (flag_name, enabled) VALUES ('ff.geo-map', true), ('ff.MLScoring', false)");
            }
            if (e.getKey().equals("001_standardize_feature_flag_names")) {
                assertThat(revisions.queryForString("SELECT string_agg(flag_name, ',' ORDER BY id) FROM feature_flags"))
                        .isEqualTo("ff_geo_map,ff_mlscoring");
            }
            assertThat(revisions.downgrade("-1")).containsExactly(e.getKey());
            if (!e.getKey().startsWith("2025")) {
                assertThat(revisions.queryForString(e.getValue())).as(e.getKey() + " reverted").isEqualTo("f");
            }
            revisions.upgrade("+1");
            if (e.getKey().equals("001_initial_schema")) {
                revisions.execute("INSERT INTO feature_flags (flag_name, enabled) VALUES ('ff.geo-map', true), ('ff.MLScoring', false)");
            }
        }
        assertThat(revisions.current()).containsExactly("20251112_090000");
        // the rollback file's downgrade restored the names in between; the upgrade standardized them again
        assertThat(revisions.queryForString("SELECT string_agg(flag_name, ',' ORDER BY id) FROM feature_flags"))
                .isEqualTo("ff_geo_map,ff_mlscoring");

        // The integration test: from an empty schema to the current one
        revisions.downgrade("base");
        assertThat(revisions.tables()).doesNotContain("entities", "feature_flags", "hierarchy_mv");
        revisions.upgrade("head");
        assertThat(revisions.tables()).contains("entities", "feature_flags", "hierarchy_mv");
    }

    /**
     * Phases 1 and 2: a database built by running the six files by hand; {@code strata import legacy/} reads
     * them (duplicate prefixes ordered and reported, the rollback file paired, the others irreversible)
     * into the same graph as migrations/; the reviewed revisions produce exactly the hand-built schema; the
     * stamp records it without running anything, and the next upgrade runs only the revisions written since.
     */
    @Test
    void importTheLooseFilesThenStampTheLiveDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            Extensions.requireAvailable(c, "postgis");
            Extensions.requireAvailable(c, "ltree");
        }
        ExampleProject p = ExampleProject.copy("forecastin", dir, db.jdbcUrl());
        String live = db.jdbcUrl();
        for (String f : List.of("001_initial_schema.sql", "001_standardize_feature_flag_names.sql",
                "002_ml_ab_testing_framework.sql", "004_automated_materialized_view_refresh.sql",
                "004_rss_entity_extraction_schema.sql")) {
            sql(live, Files.readString(p.dir.resolve("legacy").resolve(f)));
        }

        var imported = p.ok("--dir", "imported", "import", "legacy");
        assertThat(imported.out()).contains("Imported 5 revision(s) (sql):")
                .contains("<- legacy/001_standardize_feature_flag_names.sql"
                        + " + legacy/001_standardize_feature_flag_names_ROLLBACK.sql\n")
                .contains("<- legacy/004_rss_entity_extraction_schema.sql  (irreversible)")
                .contains("guessed order: 2 files share the prefix 001; ordered by file name: 001_initial_schema.sql"
                        + " before 001_standardize_feature_flag_names.sql")
                .contains("guessed order: 2 files share the prefix 004")
                .contains("legacy/001_initial_schema.sql:5: removed 'BEGIN;'");
        assertThat(graph(p.dir.resolve("imported"))).isEqualTo(graph(p.dir.resolve("migrations")).headMap("2"));

        // the reviewed revisions up to the last imported one build exactly what the files built by hand
        var diff = p.run("diff", live, "004_rss_entity_extraction_schema", "--dev-url", db.adminJdbcUrl());
        assertThat(diff.code()).as(diff.toString()).isZero();
        assertThat(diff.out()).as(diff.toString()).isBlank();

        var stamp = p.ok("stamp", "004_rss_entity_extraction_schema");
        assertThat(value(live, "SELECT revision FROM strata_version")).isEqualTo("004_rss_entity_extraction_schema");
        var up = p.ok("upgrade", "head");
        assertThat(up.err()).contains("-> 20251110_090000").contains("-> 20251112_090000").doesNotContain("-> 001_")
                .as(stamp.toString());
        assertThat(p.run("check").code()).isZero();
    }

    /** Revision id to its parents line, of every revision file in {@code folder}, sorted by id. */
    private static TreeMap<String, String> graph(Path folder) {
        TreeMap<String, String> g = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".sql")).toList()) {
                List<String> lines = Files.readAllLines(f);
                String id = lines.stream().filter(l -> l.startsWith("-- strata:revision ")).findFirst().orElseThrow()
                        .substring("-- strata:revision ".length()).strip();
                String parents = lines.stream().filter(l -> l.startsWith("-- strata:parents ")).findFirst()
                        .map(l -> l.substring("-- strata:parents ".length()).strip()).orElse("base");
                g.put(id, parents);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }
}
