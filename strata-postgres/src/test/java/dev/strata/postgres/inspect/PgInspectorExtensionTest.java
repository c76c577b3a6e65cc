package dev.strata.postgres.inspect;

import dev.strata.model.ModelJson;
import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** PostGIS: geometry columns are read, and the extension's own objects are left out unless asked for. */
class PgInspectorExtensionTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private final PgInspector inspector = new PgInspector();

    @Test
    void postgisObjectsAreLeftOutByDefaultAndReadOnRequest() throws Exception {
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE EXTENSION postgis;
                        CREATE TABLE public.place (
                            id int PRIMARY KEY,
                            location geometry(Point, 4326) NOT NULL,
                            area geography
                        );
                        CREATE INDEX place_location_idx ON public.place USING gist (location);
                        """);
            }
            ObjectName spatialRefSys = new ObjectName("public", "spatial_ref_sys");
            SchemaModel m = inspector.inspect(c);
            assertThat(m.tables()).doesNotContainKey(spatialRefSys);
            assertThat(m.tables().keySet()).containsExactly(new ObjectName("public", "place"));
            assertThat(m.views()).isEmpty();
            assertThat(m.functions()).isEmpty();
            assertThat(m.compositeTypes()).isEmpty();
            assertThat(m.extensions()).containsKey("postgis");
            var place = m.tables().get(new ObjectName("public", "place"));
            assertThat(place.column("location").orElseThrow().type()).isEqualTo("public.geometry(Point,4326)");
            assertThat(place.column("area").orElseThrow().type()).isEqualTo("public.geography");
            assertThat(m.indexes().get(new ObjectName("public", "place_location_idx")).method()).isEqualTo("gist");

            SchemaModel all = inspector.inspect(c, InspectOptions.defaults().withIncludeExtensionObjects(true));
            assertThat(all.tables()).containsKey(spatialRefSys);
            assertThat(all.views()).containsKey(new ObjectName("public", "geometry_columns"));
            assertThat(all.functions()).isNotEmpty();
            assertThat(ModelJson.read(ModelJson.write(all))).isEqualTo(all);
        }
    }
}
