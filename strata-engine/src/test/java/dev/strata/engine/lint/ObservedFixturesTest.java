package dev.strata.engine.lint;

import dev.strata.lint.Finding;
import dev.strata.lint.LintInput;
import dev.strata.lint.LintOptions;
import dev.strata.lint.LintReport;
import dev.strata.lint.Linter;
import dev.strata.lint.Observation.Verdict;
import dev.strata.lint.Observations;
import dev.strata.lint.ObservedRules;
import dev.strata.lint.Severity;
import dev.strata.lint.StatementObservation;
import dev.strata.postgres.PgConnections;
import dev.strata.postgres.PgUrl;
import dev.strata.script.ScriptParser;
import dev.strata.script.SqlMigration;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint fixtures of strata-core, observed: each fixture of a rule that claims a lock or a rewrite is replayed on
 * one database holding the tables the fixtures speak of (with sample rows), inside a transaction that is rolled
 * back, and every finding of the rule must be confirmed by the locks and relfilenodes seen. The fixtures of the
 * observed-only rules (SA950...) are checked against their golden files here ({@code -Dgolden.update=true}
 * rewrites them).
 */
class ObservedFixturesTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    static final Path DIR = Path.of("../strata-core/src/test/resources/fixtures/lint");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /** Rules whose findings claim a lock or a rewrite: their fixtures are observed. */
    private static final List<String> LOCK_RULES = List.of("SA001", "SA002", "SA005", "SA006", "SA007", "SA010",
            "SA011", "SA012", "SA013", "SA014", "SA015", "SA016", "SA017", "SA018", "SA020", "SA021", "SA022", "SA023",
            "SA024", "SA025", "SA027", "SA050", "SA051", "SA052");

    /** Fixtures the shared tables cannot replay, and why. */
    private static final Map<String, String> NOT_REPLAYABLE = new TreeMap<>(Map.ofEntries(
            Map.entry("SA002/bad_2.sql", "DROP INDEX IF EXISTS of an index the shared tables lack: a no-op, no lock"),
            Map.entry("SA001/bad_1.sql", "SA002 and SA005 need idx_orders_customer to exist"),
            Map.entry("SA006/bad_3.sql", "FINALIZE needs a detach left pending by an interrupted CONCURRENTLY"),
            Map.entry("SA011/bad_2.sql", "orders has an id column in the shared tables"),
            Map.entry("SA021/bad_1.sql", "SA025 needs orders_customer_fk to exist"),
            Map.entry("SA021/bad_3.sql", "orders has customer_id in the shared tables"),
            Map.entry("SA023/bad_2.sql", "SA050 and SA052 need an index orders_pkey"),
            Map.entry("SA023/bad_3.sql", "orders has an id column in the shared tables"),
            Map.entry("SA025/bad_3.sql", "SA022 adds users_email_key, so the shared tables lack it"),
            Map.entry("SA050/bad_1.sql", "VACUUM cannot run in the fixture's transactional revision: SA003 says so "
                    + "(found by this test)")));

    @Test
    void lockAndRewriteClaimsAreConfirmed() throws Exception {
        long started = System.nanoTime();
        List<String> contradicted = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int confirmed = 0;
        try (Connection c = world()) {
            for (String rule : LOCK_RULES) {
                for (Path file : fixtures(rule)) {
                    String name = DIR.relativize(file).toString();
                    Observed o = observe(c, file);
                    for (Finding f : o.report().findings()) {
                        if (NOT_REPLAYABLE.containsKey(name)) {
                            continue;
                        }
                        if (f.rule().id().equals(rule) && (f.lock() != null || f.effects().contains(
                                dev.strata.lint.Effect.REWRITE))) {
                            if (f.observation().verdict() == Verdict.CONFIRMED) {
                                confirmed++;
                            } else if (f.observation().detail().startsWith("failed")) {
                                failed.add(name + ": " + f.observation().detail());
                            } else {
                                contradicted.add(name + " line " + f.location().line() + ": " + f.observation());
                            }
                        }
                        if ((f.rule() == ObservedRules.REWRITE
                                || f.rule() == ObservedRules.INVALID_INDEX)) {
                            contradicted.add(name + ": no rule predicted it: " + f.what());
                        }
                    }
                }
            }
        }
        assertThat(contradicted).as("static claims the observation contradicts").isEmpty();
        assertThat(failed).as("fixtures that fail on the shared tables").allMatch(f ->
                NOT_REPLAYABLE.keySet().stream().anyMatch(f::startsWith));
        assertThat(confirmed).isGreaterThan(55);
        System.out.println("observed fixtures: " + confirmed + " claims confirmed in "
                + (System.nanoTime() - started) / 1_000_000 + " ms, rebuilding " + buildNanos / 1_000_000 + " ms");
    }

    @Test
    void observedRulesMatchTheirGoldenFiles() throws Exception {
        try (Connection c = world()) {
            for (dev.strata.lint.RuleInfo rule : List.of(ObservedRules.BLOCKING_LOCK, ObservedRules.REWRITE,
                    ObservedRules.INVALID_INDEX, ObservedRules.FAILED)) {
                for (Path file : fixtures(rule.id())) {
                    Observed o = observe(c, file);
                    StringBuilder actual = new StringBuilder();
                    for (Finding f : o.report().findings()) {
                        if (f.rule().id().equals(rule.id())) {
                            actual.append("line ").append(f.location().line()).append(' ').append(f.severity().label())
                                    .append(' ').append(f.rule().id()).append(": ").append(f.what());
                            if (!f.impact().isEmpty()) {
                                actual.append(" [").append(f.impact()).append(']');
                            }
                            actual.append('\n');
                        }
                    }
                    String name = file.getFileName().toString();
                    if (name.startsWith("bad_")) {
                        assertThat(actual.toString()).as(file + " must trigger " + rule.id()).isNotEmpty();
                    } else {
                        assertThat(actual.toString()).as(file + " must not trigger " + rule.id()).isEmpty();
                    }
                    Path golden = file.resolveSibling(name.replaceAll("\\.sql$", ".findings"));
                    if (UPDATE) {
                        Files.writeString(golden, actual.toString(), StandardCharsets.UTF_8);
                    } else {
                        assertThat(actual.toString()).as(golden.toString())
                                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    private record Observed(LintReport report, List<StatementObservation> seen) {
    }

    /** Lints the fixture, replays it inside a transaction that is rolled back, and judges the findings. */
    private static Observed observe(Connection c, Path file) throws Exception {
        List<LintInput> chain = new ArrayList<>();
        List<SqlMigration> scripts = new ArrayList<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] parts = text.split("\n-- fixture:next\n");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].startsWith("-- strata:revision") ? parts[i]
                    : "-- strata:revision fixture\n-- strata:upgrade\n" + parts[i].stripTrailing() + "\n-- strata:downgrade\n";
            SqlMigration m = ScriptParser.parse(DIR.relativize(file) + (parts.length > 1 ? "#" + (i + 1) : ""), part);
            scripts.add(m);
            chain.add(LintInput.of(m, part));
        }
        LintInput last = chain.get(chain.size() - 1);
        SqlMigration lastScript = scripts.get(scripts.size() - 1);
        LintOptions options = new LintOptions(Map.of(), Severity.ERROR, Duration.ofSeconds(2));
        LintReport report = new Linter(options).lint(chain, in -> in == last);
        List<StatementObservation> seen;
        if (!lastScript.transactional()) {
            // outside a transaction: observed as the product does, one statement at a time, committed; then the
            // tables are built again
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA fx");
                s.execute("SET search_path = fx, public, ext");
                for (SqlMigration m : scripts.subList(0, scripts.size() - 1)) {
                    for (var st : m.upgrade()) {
                        s.execute(st.sql());
                    }
                }
                seen = Observer.observeCommitting(c, lastScript);
            } finally {
                build(c);
            }
            return new Observed(Observations.apply(report, seen, options), seen);
        }
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                // tables the fixture's own earlier revisions create go into a schema of their own, in front of public
                s.execute("CREATE SCHEMA fx");
                s.execute("SET LOCAL search_path = fx, public, ext");
                for (SqlMigration m : scripts.subList(0, scripts.size() - 1)) {
                    for (var st : m.upgrade()) {
                        s.execute(st.sql());
                    }
                }
            }
            seen = Observer.observeInTransaction(c, lastScript.location(), lastScript.upgrade());
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return new Observed(Observations.apply(report, seen, options), seen);
    }

    private static List<Path> fixtures(String rule) throws Exception {
        try (Stream<Path> files = Files.list(DIR.resolve(rule))) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
    }

    /** A connection to the test database holding the fixtures' tables with a few sample rows each. */
    private static Connection world() throws Exception {
        Connection c = PgConnections.open(PgUrl.parse(db.jdbcUrl()), "strata-test");
        try (Statement s = c.createStatement()) {
            // in a schema of its own, so that rebuilding public does not create the extension again each time
            s.execute("CREATE SCHEMA IF NOT EXISTS ext");
            s.execute("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA ext");
            s.execute("ALTER DATABASE " + c.getCatalog() + " SET search_path = public, ext");
        }
        c.close();
        c = PgConnections.open(PgUrl.parse(db.jdbcUrl()), "strata-test");
        build(c);
        return c;
    }

    static long buildNanos;

    private static void build(Connection c) throws Exception {
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("RESET search_path");
            s.execute("DROP SCHEMA IF EXISTS fx CASCADE");
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
            s.execute(Files.readString(Path.of("src/test/resources/lint/world.sql"), StandardCharsets.UTF_8));
        }
        new SampleRows(c, Optional.empty(), 3).fill();
        buildNanos += System.nanoTime() - t0;
    }
}
