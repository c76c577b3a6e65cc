package dev.strata.op.ext;

import dev.strata.op.CreateIndex;
import dev.strata.op.QualifiedName;

import java.util.List;
import java.util.Locale;

/**
 * PostGIS column types for {@link dev.strata.op.ColumnDef} and GiST indexes as core {@link CreateIndex} ops
 * (so they render, lint and reverse like any index: online by default, {@code CREATE INDEX CONCURRENTLY}).
 * {@code geometry} is planar in the SRID's units; {@code geography} is on the spheroid, in metres, for
 * lon/lat data ({@code ST_DWithin} in metres without reprojecting).
 */
public final class Postgis {
    private static final List<String> SUBTYPES = List.of("Geometry", "Point", "LineString", "Polygon", "MultiPoint",
            "MultiLineString", "MultiPolygon", "GeometryCollection");

    private Postgis() {
    }

    /** {@code geometry(Point,4326)}: {@code subtype} is a geometry type name, optionally with Z, M or ZM. */
    public static String geometry(String subtype, int srid) {
        return "geometry(" + subtype(subtype) + "," + srid(srid) + ")";
    }

    /** {@code geography(Point,4326)}. */
    public static String geography(String subtype, int srid) {
        return "geography(" + subtype(subtype) + "," + srid(srid) + ")";
    }

    /** A GiST index on a geometry or geography column. */
    public static CreateIndex gistIndex(String name, QualifiedName table, String column) {
        return Gist.index(name, table, column);
    }

    private static String subtype(String subtype) {
        if (subtype != null) {
            String upper = subtype.toUpperCase(Locale.ROOT);
            for (String base : SUBTYPES) {
                String b = base.toUpperCase(Locale.ROOT);
                for (String suffix : List.of("", "Z", "M", "ZM")) {
                    if (upper.equals(b + suffix)) {
                        return base + suffix;
                    }
                }
            }
        }
        throw Checks.invalid("unknown PostGIS geometry type '" + subtype + "'; use one of " + String.join(", ", SUBTYPES)
                + " (optionally with Z, M or ZM)");
    }

    private static int srid(int srid) {
        if (srid < 0 || srid > 999_999) {
            throw Checks.invalid("SRID " + srid + " is out of range; use an EPSG code such as 4326");
        }
        return srid;
    }
}
