package dev.strata.testkit;

import dev.strata.engine.Stairway;
import dev.strata.engine.Strata;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JUnit 5 extension for projects that keep their schema in Strata revisions: every test gets a new database on
 * a real PostgreSQL, migrated to a chosen revision before the test starts and dropped after it, with helpers to
 * move it up and down inside the test and the stairway test as one assertion.
 *
 * <pre>{@code
 * class MigrationsTest {
 *     @RegisterExtension
 *     static StrataDatabase db = StrataDatabase.migrations("src/main/resources/db/strata").migratedTo("base");
 *
 *     @Test
 *     void firstRevisionCreatesEntities() throws SQLException {
 *         db.upgrade("+1");
 *         assertThat(db.tables()).contains("entities");
 *         assertThat(db.columns("entities")).contains("path", "path_depth");
 *         db.downgrade("-1");
 *         assertThat(db.tables()).isEmpty();
 *     }
 *
 *     @Test
 *     void everyDowngradeRestoresItsParent() {
 *         db.assertStairway();
 *     }
 * }
 * }</pre>
 *
 * <p>The server is the one of {@link TestDatabase}: the JDBC URL of an admin database in {@code STRATA_TEST_URL},
 * else 127.0.0.1:5432 as user postgres when it answers, else an embedded PostgreSQL started once per JVM. The
 * locations are those of {@link Strata.Configuration#locations}: folders relative to the working directory (the
 * module's folder under Maven) and {@code classpath:} locations. Registered as a static field or an instance
 * field alike, each test gets its own database; a test method may also take the {@code StrataDatabase} as a
 * parameter. Not for tests running in parallel on one instance.
 */
public final class StrataDatabase implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final List<String> locations;
    private final String revision;
    private final Path fixtures;
    private final TestDatabase databases = new TestDatabase();
    private Strata strata;

    private StrataDatabase(List<String> locations, String revision, Path fixtures) {
        this.locations = List.copyOf(locations);
        this.revision = Objects.requireNonNull(revision, "revision");
        this.fixtures = fixtures;
    }

    /** A database migrated to {@code head} of the revisions at {@code locations} (folders or {@code classpath:...}). */
    public static StrataDatabase migrations(String... locations) {
        if (locations.length == 0) {
            throw new IllegalArgumentException("name at least one location of revisions, e.g. \"classpath:db/strata\"");
        }
        return new StrataDatabase(List.of(locations), "head", null);
    }

    /** The same extension, migrating each test's database to {@code revision} first ({@code base}: nothing applied). */
    public StrataDatabase migratedTo(String revision) {
        return new StrataDatabase(locations, revision, fixtures);
    }

    /** The same extension, with the fixtures folder {@link #assertStairwayWithData()} loads from. */
    public StrataDatabase fixtures(Path folder) {
        return new StrataDatabase(locations, revision, Objects.requireNonNull(folder, "folder"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        databases.beforeEach(context);
        strata = Strata.configure().url(databases.jdbcUrl()).locations(locations.toArray(String[]::new))
                .devUrl(databases.adminJdbcUrl()).load();
        if (!revision.equals("base")) {
            strata.upgrade(revision);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        strata = null;
        databases.afterEach(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StrataDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** Strata over the current test's database, for what the helpers below do not cover. */
    public Strata strata() {
        if (strata == null) {
            throw new IllegalStateException("no test database: register StrataDatabase with @RegisterExtension and"
                    + " call it inside a test");
        }
        return strata;
    }

    /** Upgrades the test's database to {@code target} ({@code head}, {@code +1}, an id ...); returns the revisions applied. */
    public List<String> upgrade(String target) {
        return strata().upgrade(target).steps().stream().map(Strata.RunResult.StepSummary::revision).toList();
    }

    /** Downgrades the test's database to {@code target} ({@code -1}, {@code base}, an id ...); returns the revisions reverted. */
    public List<String> downgrade(String target) {
        return strata().downgrade(target).steps().stream().map(Strata.RunResult.StepSummary::revision).toList();
    }

    /** The revisions the database is at (its heads), sorted; empty at base. */
    public List<String> current() {
        return strata().status().current();
    }

    /** A JDBC URL (with credentials) of the current test's database. */
    public String jdbcUrl() {
        strata();
        return databases.jdbcUrl();
    }

    /** A new connection to the current test's database; the caller closes it. */
    public Connection connect() throws SQLException {
        strata();
        return databases.connect();
    }

    /** Runs SQL on the test's database (statements separated by {@code ;}, as one batch). */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row of {@code sql} as text, or null when it returns no row. */
    public String queryForString(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * The tables, views and materialized views of the {@code public} schema, sorted; Strata's own version and history
     * tables left out.
     */
    public List<String> tables() throws SQLException {
        return strings("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')"
                + " AND c.relname NOT IN ('strata_version', 'strata_history') ORDER BY 1", null);
    }

    /** The columns of {@code table} (in {@code public}, or {@code schema.table}) in their order. */
    public List<String> columns(String table) throws SQLException {
        return strings("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum", table);
    }

    private List<String> strings(String sql, String parameter) throws SQLException {
        try (Connection c = connect(); var ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /**
     * Runs the stairway test over the revisions (on another scratch database of the same server; the test's own
     * database is not touched) and fails with the first revision whose downgrade does not restore its parent,
     * and the SQL that would. Returns the result when it passed.
     */
    public Stairway.Result assertStairway() {
        return passed(strata().stairway());
    }

    /**
     * {@link #assertStairway()} with the fixtures of {@link #fixtures(Path)} (default {@code fixtures} in the
     * working directory): each revision's {@code <id>.sql} is loaded before its upgrade and its rows must survive.
     */
    public Stairway.Result assertStairwayWithData() {
        return passed(strata().stairway(fixtures != null ? fixtures : Path.of("fixtures")));
    }

    private static Stairway.Result passed(Stairway.Result r) {
        Stairway.Failure f = r.failure();
        if (f != null) {
            StringBuilder m = new StringBuilder("stairway failed at revision " + f.revision() + " (" + f.phase() + "): "
                    + f.message());
            f.differences().forEach(d -> m.append("\n    ").append(d));
            throw new AssertionError(m.toString());
        }
        return r;
    }
}
