package dev.strata.postgres;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.run.Bookkeeping;
import dev.strata.run.DatabaseState;
import dev.strata.run.HistoryEntry;
import dev.strata.run.StateTables;
import dev.strata.run.StatementFailedException;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.strata.postgres.Targets.entry;
import static dev.strata.postgres.Targets.scalar;
import static dev.strata.postgres.Targets.sql;
import static dev.strata.postgres.Targets.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JdbcTargetTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void startTimesAreWrittenAsUtcTextWithMicroseconds() {
        assertThat(JdbcTarget.utcText(Instant.parse("2026-12-07T11:40:00Z"))).isEqualTo("2026-12-07T11:40:00.000000Z");
        assertThat(JdbcTarget.utcText(Instant.parse("2026-02-28T23:59:59.123456789Z")))
                .isEqualTo("2026-02-28T23:59:59.123457Z");
        assertThat(JdbcTarget.utcText(Instant.parse("1969-12-31T23:59:59.9999995Z")))
                .isEqualTo("1970-01-01T00:00:00.000000Z");
        assertThat(JdbcTarget.utcText(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00.000000Z");
        assertThat(JdbcTarget.utcText(Instant.parse("9999-12-31T23:59:59.999999Z")))
                .isEqualTo("9999-12-31T23:59:59.999999Z");
        assertThat(JdbcTarget.utcText(Instant.parse("+10000-01-01T00:00:00Z"))).isNull();
        assertThat(JdbcTarget.utcText(Instant.parse("0000-12-31T23:59:59Z"))).isNull();
        java.util.Random random = new java.util.Random(14);
        for (int n = 0; n < 1_000; n++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            Instant micros = t.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            String text = JdbcTarget.utcText(t);
            if (micros.isAfter(Instant.parse("9999-12-31T23:59:59.999999Z"))) {
                assertThat(text).isNull();
            } else {
                assertThat(Instant.parse(text)).as(t.toString()).isEqualTo(micros);
            }
        }
    }

    @Test
    void ensureTablesIsIdempotent() throws SQLException {
        try (JdbcTarget t = Targets.open(db)) {
            t.ensureTables();
            t.ensureTables();
            assertThat(t.readState()).isEqualTo(new DatabaseState(true, Set.of(), Map.of(), List.of()));
        }
        try (Connection c = db.connect()) {
            assertThat(scalar(c, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'strata_%'")).isEqualTo("2");
        }
    }

    @Test
    void ensureTablesInAnotherSchema() {
        StateTables tables = new StateTables("Ops Schema", "versions", "log");
        try (JdbcTarget t = Targets.open(db, tables)) {
            t.ensureTables();
            t.ensureTables();
            t.record(upgrade(null, "a1", "c1"));
            assertThat(t.readState().heads()).containsExactly(RevisionId.of("a1"));
        }
    }

    @Test
    void concurrentEnsureTablesBothSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = db.createDatabase();
            List<Thread> threads = new java.util.ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(4);
            for (int i = 0; i < 4; i++) {
                threads.add(new Thread(() -> {
                    try (JdbcTarget t = new JdbcTarget(PgConnections.open(PgUrl.parse(db.url(name)), null),
                            new StateTables("s", "v", "h"), "test")) {
                        barrier.await();
                        t.ensureTables();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread th : threads) {
                th.join();
            }
            assertThat(failures).isEmpty();
            db.dropDatabase(name);
        }
    }

    @Test
    void readStateOnAnEmptyDatabase() {
        try (JdbcTarget t = Targets.open(db)) {
            assertThat(t.readState()).isEqualTo(DatabaseState.empty());
            assertThat(t.history()).isEmpty();
        }
    }

    @Test
    void readStateAfterBookkeeping() {
        try (JdbcTarget t = Targets.open(db)) {
            t.ensureTables();
            t.record(upgrade(null, "r1", "sum1"));
            t.record(upgrade("r1", "r2", "sum2"));
            t.record(new Bookkeeping(List.of(), List.of(), entry("r3", HistoryEntry.Action.UPGRADE,
                    HistoryEntry.Status.PARTIAL, "sum3", "ERROR: boom at r3.sql:7", 2, 5)));
            DatabaseState s = t.readState();
            assertThat(s.tablesExist()).isTrue();
            assertThat(s.heads()).containsExactly(RevisionId.of("r2"));
            assertThat(s.checksums()).isEqualTo(Map.of(RevisionId.of("r1"), "sum1", RevisionId.of("r2"), "sum2"));
            assertThat(s.partial()).containsExactly(new DatabaseState.PartialFailure(RevisionId.of("r3"), 2, 5,
                    "ERROR: boom at r3.sql:7", Instant.parse("2026-01-02T03:04:05Z")));

            t.record(new Bookkeeping(List.of(), List.of(), entry("r3", HistoryEntry.Action.REPAIR,
                    HistoryEntry.Status.OK, null, null, 0, 0)));
            assertThat(t.readState().partial()).isEmpty();

            List<HistoryRow> rows = t.history();
            assertThat(rows).hasSize(4);
            HistoryRow first = rows.get(0);
            assertThat(first.revision()).isEqualTo("r1");
            assertThat(first.action()).isEqualTo(HistoryEntry.Action.UPGRADE);
            assertThat(first.message()).isEqualTo("message of r1");
            assertThat(first.checksum()).isEqualTo("sum1");
            assertThat(first.startedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
            assertThat(first.executionMs()).isEqualTo(12L);
            assertThat(first.appliedBy()).isNotBlank();
            assertThat(first.clientAddress()).isNotBlank();
            assertThat(first.toolVersion()).isEqualTo("0.1.0-test");
            assertThat(first.status()).isEqualTo(HistoryEntry.Status.OK);
            assertThat(rows.get(2).status()).isEqualTo(HistoryEntry.Status.PARTIAL);
            assertThat(rows.get(2).statementsRun()).isEqualTo(2);
            assertThat(rows).extracting(HistoryRow::id).isSorted();
        }
    }

    @Test
    void readStateWhenOnlyTheVersionTableExists() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            t.ensureTables();
            t.record(upgrade(null, "r1", "sum1"));
            c.createStatement().execute("DROP TABLE strata_history");
            DatabaseState s = t.readState();
            assertThat(s.tablesExist()).isFalse();
            assertThat(s.heads()).containsExactly(RevisionId.of("r1"));
        }
    }

    @Test
    void runInTransactionCommitsStatementsAndBookkeepingTogether() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            t.ensureTables();
            t.runInTransaction(sql("CREATE TABLE a (id int)", "INSERT INTO a VALUES (1), (2)"),
                    upgrade(null, "r1", "sum1"));
            assertThat(scalar(c, "SELECT count(*) FROM a")).isEqualTo("2");
            assertThat(t.readState().heads()).containsExactly(RevisionId.of("r1"));
            assertThat(t.history()).hasSize(1);
            // the session is back in autocommit: nothing is left open
            assertThat(scalar(c, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND state LIKE 'idle in transaction%'")).isEqualTo("0");
        }
    }

    @Test
    void aFailingStatementRollsBackStatementsAndBookkeeping() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            t.ensureTables();
            t.runInTransaction(sql("CREATE TABLE a (id int PRIMARY KEY)"), upgrade(null, "r1", "sum1"));
            StatementFailedException e = catchThrowableOfType(() -> t.runInTransaction(
                    sql("CREATE TABLE b (id int)", "INSERT INTO a VALUES (1)", "INSERT INTO a VALUES (1)", "SELECT 1"),
                    upgrade("r1", "r2", "sum2")), StatementFailedException.class);
            assertThat(e.index()).isEqualTo(2);
            assertThat(e.sqlState()).isEqualTo("23505");
            assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_FAILED);
            assertThat(e.serverMessage()).startsWith("ERROR: duplicate key value violates unique constraint \"a_pkey\"")
                    .contains("(SQLSTATE 23505)").contains("DETAIL: Key (id)=(1) already exists.")
                    .doesNotContain("\n");
            assertThat(scalar(c, "SELECT to_regclass('b')")).isNull();
            assertThat(scalar(c, "SELECT count(*) FROM a")).isEqualTo("0");
            assertThat(t.readState().heads()).containsExactly(RevisionId.of("r1"));
            assertThat(t.history()).hasSize(1);
            // the target is still usable afterwards
            t.runInTransaction(sql("CREATE TABLE b (id int)"), upgrade("r1", "r2", "sum2"));
            assertThat(t.readState().heads()).containsExactly(RevisionId.of("r2"));
        }
    }

    @Test
    void theSizesBeforeAStepAreReadWithItsFirstStatement() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            t.ensureTables();
            t.runInTransaction(sql("CREATE TABLE \"It's\" (id int)", "INSERT INTO \"It's\" SELECT generate_series(1, 1000)",
                    "CREATE TABLE gone (id int)", "INSERT INTO gone SELECT generate_series(1, 1000)"),
                    upgrade(null, "r1", "sum1"));
            long goneBytes = Long.parseLong(scalar(c, "SELECT pg_total_relation_size('gone')"));
            // one statement first: the sizes go with it, inside its transaction, and are there before it ran
            List<Map<String, dev.strata.run.Target.RelationBytes>> before = new java.util.ArrayList<>();
            t.runInTransaction(sql("DROP TABLE gone"), List.of(), upgrade("r1", "r2", "sum2"),
                    List.of("gone", "nosuch", "not a name"), before::add);
            assertThat(before).containsExactly(Map.of("gone", new dev.strata.run.Target.RelationBytes("table",
                    goneBytes)));
            assertThat(scalar(c, "SELECT to_regclass('gone')")).isNull();
            // a name a literal would have to escape is read on its own, before the transaction
            before.clear();
            t.runInTransaction(sql("DELETE FROM \"It's\""), List.of(), upgrade("r2", "r3", "sum3"),
                    List.of("\"It's\""), before::add);
            assertThat(before).hasSize(1);
            assertThat(before.get(0).get("\"It's\"").bytes()).isPositive();
            // a failing first statement: the step fails as ever, the sizes are handed over (empty) all the same
            before.clear();
            StatementFailedException e = catchThrowableOfType(() -> t.runInTransaction(sql("DROP TABLE nosuch"),
                    List.of(), upgrade("r3", "r4", "sum4"), List.of("nosuch"), before::add),
                    StatementFailedException.class);
            assertThat(e.index()).isZero();
            assertThat(e.sqlState()).isEqualTo("42P01");
            assertThat(before).containsExactly(Map.of());
            assertThat(t.readState().heads()).containsExactly(RevisionId.of("r3"));
        }
    }

    @Test
    void aFailingBookkeepingRollsBackTheStatements() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            t.ensureTables();
            t.record(upgrade(null, "r1", "sum1"));
            // adding a head that is already there violates the version table's primary key
            StrataException e = catchThrowableOfType(() -> t.runInTransaction(sql("CREATE TABLE a (id int)"),
                    new Bookkeeping(List.of(), List.of(RevisionId.of("r1")), entry("r1", HistoryEntry.Action.UPGRADE,
                            HistoryEntry.Status.OK, "x", null, 1, 1))), StrataException.class);
            assertThat(e).isNotInstanceOf(StatementFailedException.class);
            assertThat(e.code()).isEqualTo(ErrorCode.BOOKKEEPING_FAILED);
            assertThat(e.getMessage()).startsWith("could not record upgrade of revision r1 in \"public\".\"strata_history\"")
                    .contains("SQLSTATE 23505");
            assertThat(scalar(c, "SELECT to_regclass('a')")).isNull();
            assertThat(t.history()).hasSize(1);
        }
    }

    @Test
    void aDeferredConstraintFailingAtCommitNamesTheLastStatement() {
        try (JdbcTarget t = Targets.open(db)) {
            t.ensureTables();
            StatementFailedException e = catchThrowableOfType(() -> t.runInTransaction(sql(
                    "CREATE TABLE p (id int PRIMARY KEY)",
                    "CREATE TABLE ch (p int REFERENCES p DEFERRABLE INITIALLY DEFERRED)",
                    "INSERT INTO ch VALUES (1)"), upgrade(null, "r1", "s")), StatementFailedException.class);
            assertThat(e.index()).isEqualTo(2);
            assertThat(e.sqlState()).isEqualTo("23503");
            assertThat(e.serverMessage()).startsWith("at COMMIT: ERROR:");
            assertThat(t.readState().heads()).isEmpty();
        }
    }

    @Test
    void runEachKeepsWhatRanBeforeTheFailure() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            StatementFailedException e = catchThrowableOfType(() -> t.runEach(sql(
                    "CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)", "INSERT INTO nope VALUES (1)",
                    "CREATE TABLE b (id int)")), StatementFailedException.class);
            assertThat(e.index()).isEqualTo(2);
            assertThat(e.sqlState()).isEqualTo("42P01");
            assertThat(e.serverMessage()).isEqualTo("ERROR: relation \"nope\" does not exist (SQLSTATE 42P01)");
            assertThat(scalar(c, "SELECT count(*) FROM a")).isEqualTo("1");
            assertThat(scalar(c, "SELECT to_regclass('b')")).isNull();
        }
    }

    @Test
    void runEachCanBuildAnIndexConcurrently() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            t.runEach(sql("CREATE TABLE a (id int)", "CREATE INDEX CONCURRENTLY a_id ON a (id)"));
            assertThat(scalar(c, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'a_id'::regclass")).isEqualTo("t");
        }
    }

    @Test
    void statementsAreSentAsWrittenWithoutJdbcEscapes() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            t.runEach(sql("CREATE TABLE a (j text)", "INSERT INTO a VALUES ({fn ucase('x')})"));
        } catch (StatementFailedException e) {
            assertThat(e.sqlState()).isEqualTo("42601");
            return;
        }
        throw new AssertionError("a JDBC escape was translated");
    }

    @Test
    void sessionSettingsApply() throws SQLException {
        try (JdbcTarget t = Targets.open(db).withSessionSettings(Duration.ofSeconds(3), Duration.ofMinutes(2));
             Connection other = db.connect()) {
            t.runEach(sql("CREATE TABLE a (id int)"));
            other.setAutoCommit(false);
            other.createStatement().execute("LOCK TABLE a IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();
            StatementFailedException e = catchThrowableOfType(() -> t.runEach(sql("ALTER TABLE a ADD COLUMN b int")),
                    StatementFailedException.class);
            assertThat(e.sqlState()).isEqualTo("55P03");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(10));
            other.rollback();
        }
        try (JdbcTarget t = Targets.open(db).withSessionSettings(null, Duration.ofMillis(200))) {
            StatementFailedException e = catchThrowableOfType(() -> t.runEach(sql("SELECT pg_sleep(2)")),
                    StatementFailedException.class);
            assertThat(e.sqlState()).isEqualTo("57014");
        }
    }

    @Test
    void closeIsIdempotentAndClosesTheConnection() throws SQLException {
        Connection c = PgConnections.open(PgUrl.parse(db.jdbcUrl()), null);
        JdbcTarget t = new JdbcTarget(c, StateTables.DEFAULT, "x");
        t.close();
        t.close();
        assertThat(c.isClosed()).isTrue();
    }
}
