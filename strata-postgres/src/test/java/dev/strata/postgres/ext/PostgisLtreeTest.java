package dev.strata.postgres.ext;

import dev.strata.op.AddColumn;
import dev.strata.op.ColumnDef;
import dev.strata.op.CreateIndex;
import dev.strata.op.CreateTable;
import dev.strata.op.QualifiedName;
import dev.strata.op.ext.Ltree;
import dev.strata.op.ext.Postgis;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostGIS and ltree for real (Debian package postgresql-15-postgis-3; ltree is contrib): type helpers in core
 * AddColumn ops, GiST indexes built online, queries with {@code <@} and {@code ST_DWithin}, then the reverses.
 */
class PostgisLtreeTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void columnsIndexesQueriesAndReverses() throws Exception {
        try (Connection c = db.connect()) {
            Apply.execute(c, "CREATE EXTENSION IF NOT EXISTS postgis");
            Apply.execute(c, "CREATE EXTENSION IF NOT EXISTS ltree");
            QualifiedName entities = QualifiedName.of("public", "Entities \"geo\"");
            Apply.ops(c, new CreateTable(entities, List.of(new ColumnDef("id", "integer", false, null, null, null),
                    ColumnDef.of("name", "text")), List.of("id"), List.of(), false, null));
            AddColumn path = new AddColumn(entities, ColumnDef.of("path", Ltree.TYPE), List.of(), null);
            AddColumn location = new AddColumn(entities, ColumnDef.of("location", Postgis.geometry("Point", 4326)), List.of(), null);
            AddColumn place = new AddColumn(entities, ColumnDef.of("place", Postgis.geography("point", 4326)), List.of(), null);
            CreateIndex pathIdx = Ltree.gistIndex("entities_path_gist_idx", entities, "path");
            CreateIndex locIdx = Postgis.gistIndex("entities_location_gist_idx", entities, "location");
            CreateIndex placeIdx = Postgis.gistIndex("entities_place_gist_idx", entities, "place");
            Apply.ops(c, path, location, place, pathIdx, locIdx, placeIdx);

            assertThat(Apply.scalar(c, "SELECT count(*) FROM pg_indexes WHERE tablename = 'Entities \"geo\"' AND indexdef LIKE '%USING gist%'"))
                    .isEqualTo(3);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
            Apply.execute(c, "INSERT INTO \"Entities \"\"geo\"\"\" (id, name, path, location, place) VALUES"
                    + " (1, 'Paris', 'world.europe.fr.paris', ST_SetSRID(ST_MakePoint(2.3522, 48.8566), 4326), 'SRID=4326;POINT(2.3522 48.8566)'),"
                    + " (2, 'Versailles', 'world.europe.fr.versailles', ST_SetSRID(ST_MakePoint(2.1301, 48.8049), 4326), 'SRID=4326;POINT(2.1301 48.8049)'),"
                    + " (3, 'Tokyo', 'world.asia.jp.tokyo', ST_SetSRID(ST_MakePoint(139.6917, 35.6895), 4326), 'SRID=4326;POINT(139.6917 35.6895)')");
            assertThat(Apply.scalar(c, "SELECT count(*) FROM \"Entities \"\"geo\"\"\" WHERE path <@ 'world.europe'")).isEqualTo(2);
            // within 25 km of Paris, on the spheroid
            assertThat(Apply.scalar(c, "SELECT count(*) FROM \"Entities \"\"geo\"\"\" WHERE ST_DWithin(place,"
                    + " 'SRID=4326;POINT(2.3522 48.8566)'::geography, 25000)")).isEqualTo(2);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM \"Entities \"\"geo\"\"\" WHERE ST_DWithin(location,"
                    + " ST_SetSRID(ST_MakePoint(139.7, 35.7), 4326), 0.1)")).isEqualTo(1);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM geometry_columns WHERE f_table_name = 'Entities \"geo\"'"
                    + " AND type = 'POINT' AND srid = 4326")).isEqualTo(1);

            Apply.reverse(c, path, location, place, pathIdx, locIdx, placeIdx);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM pg_indexes WHERE tablename = 'Entities \"geo\"' AND indexdef LIKE '%gist%'")).isZero();
            assertThat(Apply.scalar(c, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'Entities \"geo\"'"))
                    .isEqualTo(2);
        }
    }
}
