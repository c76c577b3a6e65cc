package dev.strata.engine;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.model.SchemaModel;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlStatement;
import dev.strata.sql.SqlText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A revision's fixture for the stairway test: the SQL file {@code <revision id>.sql} (or
 * {@code <revision id>_<anything>.sql}) in the fixtures folder, run before the revision's upgrade. The
 * fixture tables are the tables (of the schema before the upgrade) whose row count the file changed; their
 * rows are read as text ({@code row::text}), sorted, to compare before and after.
 */
final class FixtureData {
    private static final int SHOWN = 5;

    private final Map<String, String> sqlNames;
    private final Map<String, Long> counts;
    private final Map<String, List<String>> loaded;

    private FixtureData(Map<String, String> sqlNames, Map<String, Long> counts, Map<String, List<String>> loaded) {
        this.sqlNames = sqlNames;
        this.counts = counts;
        this.loaded = loaded;
    }

    /** The fixture file of {@code revision} in {@code dir}, if there is one. */
    static Optional<Path> file(Path dir, String revision) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.equals(revision + ".sql") || (name.startsWith(revision + "_") && name.endsWith(".sql"));
            }).sorted().findFirst();
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read the fixtures folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Runs the fixture file on {@code c} and records the rows it put into the tables of {@code schema}. */
    static FixtureData load(Connection c, Path file, SchemaModel schema) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read fixture " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> names = new LinkedHashMap<>();
        schema.tables().keySet().forEach(n -> names.put(n.schema() + "." + n.name(),
                SqlText.ident(n.schema()) + "." + SqlText.ident(n.name())));
        FixtureData all = new FixtureData(names, Map.of(), Map.of());
        Map<String, Long> before = all.counts(c, names.keySet());
        for (SqlStatement s : SqlSplitter.split(text, 1, file.toString())) {
            try (Statement st = c.createStatement()) {
                st.execute(s.sql());
            } catch (SQLException e) {
                throw new StrataException(ErrorCode.STATEMENT_FAILED, "fixture " + file.getFileName() + ":" + s.line()
                        + " failed: " + oneLine(e) + "; the fixture runs on the schema before its revision: fix the file");
            }
        }
        Map<String, Long> after = all.counts(c, names.keySet());
        Map<String, Long> changed = new LinkedHashMap<>();
        after.forEach((t, n) -> {
            if (!n.equals(before.get(t))) {
                changed.put(t, n);
            }
        });
        FixtureData d = new FixtureData(names, changed, Map.of());
        return new FixtureData(names, changed, d.rows(c));
    }

    List<Stairway.TableRows> counts() {
        return counts.entrySet().stream().map(e -> new Stairway.TableRows(e.getKey(), e.getValue())).toList();
    }

    Map<String, List<String>> loaded() {
        return loaded;
    }

    /** One line per fixture table that is gone or whose row count changed; empty when all kept their rows. */
    List<String> countsKept(Connection c) {
        List<String> out = new ArrayList<>();
        for (var e : counts.entrySet()) {
            Long now = count(c, e.getKey());
            if (now == null) {
                out.add(e.getKey() + ": the table no longer exists (it held " + e.getValue() + " fixture row(s))");
            } else if (!now.equals(e.getValue())) {
                out.add(e.getKey() + ": " + e.getValue() + " row(s) before, " + now + " after");
            }
        }
        return out;
    }

    /** The fixture tables' rows as sorted text; a table that is gone maps to null. */
    Map<String, List<String>> rows(Connection c) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String t : counts.keySet()) {
            out.put(t, rows(c, t));
        }
        return out;
    }

    /** One line per difference between the rows now and {@code expected}; empty when equal. */
    List<String> same(Connection c, Map<String, List<String>> expected, String when) {
        List<String> out = new ArrayList<>();
        for (var e : expected.entrySet()) {
            List<String> now = rows(c, e.getKey());
            if (now == null) {
                out.add(e.getKey() + ": the table does not exist " + when);
                continue;
            }
            List<String> missing = minus(e.getValue(), now);
            List<String> extra = minus(now, e.getValue());
            missing.stream().limit(SHOWN).forEach(r -> out.add(e.getKey() + ": row missing " + when + ": " + r));
            extra.stream().limit(SHOWN).forEach(r -> out.add(e.getKey() + ": row not expected " + when + ": " + r));
            if (missing.size() + extra.size() > 2 * SHOWN) {
                out.add(e.getKey() + ": " + missing.size() + " row(s) missing and " + extra.size() + " not expected in all");
            }
        }
        return out;
    }

    private static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> left = new HashMap<>();
        b.forEach(r -> left.merge(r, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String r : a) {
            Integer n = left.get(r);
            if (n == null || n == 0) {
                out.add(r);
            } else {
                left.put(r, n - 1);
            }
        }
        return out;
    }

    private Map<String, Long> counts(Connection c, java.util.Collection<String> tables) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : tables) {
            out.put(t, count(c, t));
        }
        return out;
    }

    private Long count(Connection c, String table) {
        if (!exists(c, table)) {
            return null;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quoted(table))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.STATEMENT_FAILED, "counting the rows of " + table + ": " + oneLine(e));
        }
    }

    private List<String> rows(Connection c, String table) {
        if (!exists(c, table)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT r::text FROM " + quoted(table) + " r ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.STATEMENT_FAILED, "reading the rows of " + table + ": " + oneLine(e));
        }
        return out;
    }

    private boolean exists(Connection c, String table) {
        try (var ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, quoted(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.STATEMENT_FAILED, "looking up " + table + ": " + oneLine(e));
        }
    }

    /** A table as reports show it ({@code schema.name}) as SQL names it. */
    private String quoted(String table) {
        return sqlNames.get(table);
    }

    private static String oneLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
