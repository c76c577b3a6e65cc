package dev.strata.engine.adopt;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a database stands according to the tool it was migrated with, as imported revisions: Alembic's
 * {@code alembic_version} (one row per current head) or Flyway's {@code flyway_schema_history} (the versions
 * applied successfully, minus those undone; repeatables count once every versioned one is applied and a
 * successful run of the same script is recorded). Read only.
 */
final class SourceStamp {
    private SourceStamp() {
    }

    /**
     * @param revisions the imported revisions to stamp, heads only
     * @param from      what they were read from, for the report ({@code alembic_version: a1, b2})
     */
    record Found(List<String> revisions, String from) {
        Found {
            revisions = List.copyOf(revisions);
            Objects.requireNonNull(from, "from");
        }
    }

    static Found detect(Connection c, SourceFolder imported) throws SQLException {
        boolean alembic = exists(c, "alembic_version");
        boolean flyway = exists(c, "flyway_schema_history");
        if (alembic && (imported.format() == ImportFormat.ALEMBIC || !flyway)) {
            return alembic(c, imported);
        }
        if (flyway) {
            return flyway(c, imported);
        }
        throw new StrataException(ErrorCode.USAGE, "--stamp-at auto: the database has neither an alembic_version nor a"
                + " flyway_schema_history table (in its search_path); pass --stamp-at REV with the imported revision it"
                + " is at");
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (var ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Found alembic(Connection c, SourceFolder imported) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version_num FROM alembic_version ORDER BY version_num")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        List<String> out = new ArrayList<>();
        for (String v : versions) {
            ImportedRevision r = imported.revisions().stream().filter(x -> x.sourceVersion().equals(v)).findFirst()
                    .orElseThrow(() -> new StrataException(ErrorCode.UNKNOWN_REVISION, "alembic_version names " + v
                            + ", which is not among the imported revisions; import the folder the database was migrated"
                            + " with, or pass --stamp-at REV"));
            out.add(r.id());
        }
        return new Found(out, "alembic_version: " + (versions.isEmpty() ? "(empty)" : String.join(", ", versions)));
    }

    private static Found flyway(Connection c, SourceFolder imported) throws SQLException {
        Set<List<BigInteger>> applied = new HashSet<>();
        Set<String> repeatables = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, type, script, success FROM flyway_schema_history"
                     + " ORDER BY installed_rank")) {
            while (rs.next()) {
                String version = rs.getString(1);
                String type = rs.getString(2) == null ? "" : rs.getString(2);
                String script = rs.getString(3) == null ? "" : rs.getString(3);
                if (!rs.getBoolean(4)) {
                    continue;
                }
                if (version == null) {
                    repeatables.add(script.replaceAll(".*[/\\\\]", ""));
                } else if (!version.matches("\\d+(?:[._]\\d+)*")) {
                    continue;   // e.g. a schema-creation marker
                } else if (type.startsWith("UNDO")) {
                    applied.remove(FlywayReader.normalized(SourceFiles.versionParts(version)));
                } else {
                    applied.add(FlywayReader.normalized(SourceFiles.versionParts(version)));
                }
            }
        }
        List<BigInteger> current = null;
        for (List<BigInteger> v : applied) {
            if (current == null || SourceFiles.compareVersions(v, current) > 0) {
                current = v;
            }
        }
        if (current == null) {
            throw new StrataException(ErrorCode.USAGE, "--stamp-at auto: flyway_schema_history records no successful"
                    + " versioned migration; there is nothing to stamp (run `strata upgrade head` instead)");
        }
        String shown = String.join(".", current.stream().map(BigInteger::toString).toList());
        int at = -1;
        List<ImportedRevision> rs = imported.revisions();
        for (int i = 0; i < rs.size(); i++) {
            ImportedRevision r = rs.get(i);
            if (!r.sourceVersion().startsWith("R__")
                    && FlywayReader.normalized(SourceFiles.versionParts(r.sourceVersion())).equals(current)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new StrataException(ErrorCode.UNKNOWN_REVISION, "flyway_schema_history is at version " + shown
                    + ", which is not among the imported revisions; import the folder the database was migrated with,"
                    + " or pass --stamp-at REV");
        }
        String from = "flyway_schema_history: version " + shown;
        boolean lastVersioned = rs.stream().skip(at + 1).allMatch(r -> r.sourceVersion().startsWith("R__"));
        if (lastVersioned) {
            while (at + 1 < rs.size() && repeatables.contains(rs.get(at + 1).sourceVersion() + ".sql")) {
                at++;
            }
            if (rs.get(at).sourceVersion().startsWith("R__")) {
                from += " and its repeatable migrations up to " + rs.get(at).sourceVersion() + ".sql";
            }
        }
        return new Found(List.of(rs.get(at).id()), from);
    }
}
