package dev.strata.postgres.diff;

import dev.strata.diff.DiffOptions;
import dev.strata.diff.DiffResult;
import dev.strata.diff.Differ;
import dev.strata.model.ModelJson;
import dev.strata.model.SchemaModel;
import dev.strata.op.Renderer;
import dev.strata.plan.Backfill;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.testkit.TestDatabase;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance loop: database A from {@code before}, database B from {@code after}; inspect both, diff A to B,
 * render (online forms), apply to A; A must then inspect equal to B (and dump equal, by pg_dump), a second diff
 * must find nothing; then the reverse diff brings A back to exactly what {@code before} gave.
 */
final class RoundTrip {
    private final TestDatabase db;
    private final PgInspector inspector = new PgInspector();
    private final Differ differ = new Differ();

    RoundTrip(TestDatabase db) {
        this.db = db;
    }

    /** Runs the loop; answers the upgrade diff for further checks. */
    DiffResult run(String before, String after, DiffOptions options) throws Exception {
        return run(before, after, options, null);
    }

    /** As {@link #run(String, String, DiffOptions)}; when {@code downgradeUnsupported} is given, the downgrade must
     * report a line containing it (and is not applied). */
    DiffResult run(String before, String after, DiffOptions options, String downgradeUnsupported) throws Exception {
        String a = db.name();
        String b = db.createDatabase();
        exec(a, before);
        exec(b, after);
        SchemaModel start = inspect(a);
        SchemaModel target = inspect(b);
        String startDump = dump(a);
        String targetDump = dump(b);

        DiffResult up = differ.diff(start, target, options);
        assertThat(up.unsupported()).as("unsupported").isEmpty();
        apply(a, up);
        SchemaModel reached = inspect(a);
        assertSameModel(reached, target, "after upgrade");
        assertThat(dump(a)).as("pg_dump after upgrade").isEqualTo(targetDump);
        assertThat(differ.diff(reached, target, DiffOptions.defaults()).ops()).as("re-diff after upgrade").isEmpty();

        DiffResult down = differ.diff(reached, start, reverse(options));
        if (downgradeUnsupported != null) {
            assertThat(down.unsupported()).anyMatch(l -> l.contains(downgradeUnsupported));
            return up;
        }
        assertThat(down.unsupported()).as("unsupported downgrade").isEmpty();
        apply(a, down);
        SchemaModel back = inspect(a);
        assertSameModel(back, start, "after downgrade");
        assertThat(dump(a)).as("pg_dump after downgrade").isEqualTo(startDump);
        return up;
    }

    /** Rename hints the other way round (new=old), for the downgrade. */
    private static DiffOptions reverse(DiffOptions o) {
        java.util.Map<String, String> back = new java.util.TreeMap<>();
        o.renames().forEach((k, v) -> {
            String[] p = k.split("\\.");
            if (p.length == 2) {
                back.put(p[0] + "." + v, p[1]);
            } else {
                back.put(p[0] + "." + p[1] + "." + v, p[2]);
            }
        });
        return o.withRenames(back);
    }

    static void assertSameModel(SchemaModel actual, SchemaModel expected, String when) {
        if (!actual.equals(expected)) {
            List<String> a = List.of(ModelJson.write(actual).split("\n"));
            List<String> e = List.of(ModelJson.write(expected).split("\n"));
            int i = 0;
            while (i < a.size() && i < e.size() && a.get(i).equals(e.get(i))) {
                i++;
            }
            int from = Math.max(0, i - 15);
            assertThat(String.join("\n", a.subList(from, Math.min(a.size(), i + 10))))
                    .as("model " + when + " (from line " + from + ")")
                    .isEqualTo(String.join("\n", e.subList(from, Math.min(e.size(), i + 10))));
            assertThat(ModelJson.write(actual)).as("model " + when).isEqualTo(ModelJson.write(expected));
            assertThat(actual).as("model " + when).isEqualTo(expected);
        }
    }

    SchemaModel inspect(String dbName) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(dbName))) {
            return inspector.inspect(c);
        }
    }

    /** Runs a fixture statement by statement (TimescaleDB refuses some statements in a multi-statement string). */
    void exec(String dbName, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(dbName)); java.sql.Statement s = c.createStatement()) {
            for (var statement : dev.strata.sql.SqlSplitter.split(sql, 1)) {
                s.execute(statement.sql());
            }
        }
    }

    void apply(String dbName, DiffResult diff) throws SQLException {
        List<Statement> statements = Renderer.render(diff.ops());
        try (Connection c = DriverManager.getConnection(db.url(dbName)); java.sql.Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            for (Statement st : statements) {
                // a deferred IVFFlat build (a table made empty in the same plan) is built at once, as a scratch
                // replay does: the round trip is about the schema
                List<String> sqls = st.deferredBuild() != null ? st.deferredBuild().build()
                        : List.of(st.tx() == Tx.BATCHED ? update(st.backfill()) : st.sql());
                for (String sql : sqls) {
                    try {
                        executeRetryingDeadlocks(s, sql);
                    } catch (SQLException e) {
                        throw new SQLException("statement failed: " + sql + "\n" + e.getMessage() + "\nall statements:\n"
                                + statements.stream().map(Statement::sql).collect(Collectors.joining(";\n")), e);
                    }
                }
            }
        }
    }

    /**
     * TimescaleDB's background jobs (a policy added a moment earlier runs at once) can deadlock with DDL on the
     * same hypertable; in autocommit the statement alone is rolled back, so it is run again.
     */
    private static void executeRetryingDeadlocks(java.sql.Statement s, String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                s.execute(sql);
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A batched backfill run as one UPDATE: the harness's tables are small. */
    private static String update(Backfill b) {
        return "UPDATE " + b.table() + " SET " + b.assignments() + (b.pending() == null ? "" : " WHERE " + b.pending());
    }

    /** {@code pg_dump --schema-only}, without comments, settings, blank lines and TimescaleDB's internal objects. */
    String dump(String dbName) throws IOException, InterruptedException {
        URI u = URI.create(db.url(dbName).substring("jdbc:".length()));
        String query = u.getQuery() == null ? "" : u.getQuery();
        String user = "postgres";
        for (String p : query.split("&")) {
            if (p.startsWith("user=")) {
                user = p.substring(5);
            }
        }
        List<String> cmd = List.of("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-h", u.getHost(),
                "-p", String.valueOf(u.getPort() < 0 ? 5432 : u.getPort()), "-U", user, dbName);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("pg_dump: " + out).isZero();
        List<String> lines = new ArrayList<>();
        List<String> statement = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank() || line.startsWith("--") || line.startsWith("SET ") || line.startsWith("\\")
                    || line.startsWith("SELECT pg_catalog.set_config") || line.startsWith("pg_dump: ")) {
                continue;
            }
            statement.add(line);
            if (line.endsWith(";")) {
                // TimescaleDB's own objects (chunks, compressed and materialization hypertables, a continuous
                // aggregate's internal views) are numbered by creation and hold data: not part of the schema
                if (statement.stream().noneMatch(l -> l.contains("_timescaledb_internal."))) {
                    lines.addAll(statement);
                }
                statement.clear();
            }
        }
        lines.addAll(statement);
        return String.join("\n", lines);
    }
}
