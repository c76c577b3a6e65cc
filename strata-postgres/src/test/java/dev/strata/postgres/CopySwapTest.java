package dev.strata.postgres;

import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import dev.strata.op.Op;
import dev.strata.op.Operations;
import dev.strata.op.Reversal;
import dev.strata.plan.Backfill.Strategy;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.run.RunOptions;
import dev.strata.run.Runner;
import dev.strata.script.JavaMigrationScript;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copy-and-swap backfills against a real server, with real concurrent writers. */
class CopySwapTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private static final int ROWS = 30_000;
    private static final int WRITERS = 3;

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void schema(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id int PRIMARY KEY)");
            s.execute("INSERT INTO customers SELECT g FROM generate_series(1, 10) g");
            s.execute("CREATE TABLE items (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,"
                    + " v int NOT NULL CHECK (v >= 0), qty int NOT NULL, note text, doubled int GENERATED ALWAYS AS (v * 2) STORED)");
            s.execute("CREATE INDEX items_v_idx ON items (v) WHERE v > 10");
            s.execute("CREATE UNIQUE INDEX items_note_key ON items (note)");
            s.execute("INSERT INTO items (customer_id, v, qty) SELECT 1 + g % 10, g % 100, g % 7 FROM generate_series(1, " + rows + ") g");
            s.execute("CREATE TABLE item_tags (item_id bigint NOT NULL REFERENCES items, tag text)");
            s.execute("INSERT INTO item_tags SELECT g, 't' FROM generate_series(1, 100) g");
            s.execute("CREATE FUNCTION items_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.v <> OLD.v THEN NEW.note := NULL; END IF; RETURN NEW; END $$");
            s.execute("CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_touch()");
            s.execute("COMMENT ON TABLE items IS 'the items'");
            s.execute("GRANT SELECT ON items TO PUBLIC");
            s.execute("ALTER TABLE items SET (fillfactor = 90)");
            s.execute("ANALYZE items");
        }
    }

    /**
     * Writers on disjoint ids (writer w owns ids with id % WRITERS == w, and inserts ids of its own), each keeping
     * what it committed: updates of v, deletes, inserts. Afterwards the table must hold exactly that.
     */
    private static final class Writers implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();
        final List<Map<Long, Integer>> expected = new ArrayList<>();
        final AtomicLong writes = new AtomicLong();
        final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());

        Writers(int rows) {
            for (int w = 0; w < WRITERS; w++) {
                Map<Long, Integer> mine = new HashMap<>();
                expected.add(mine);
                int writer = w;
                Thread t = new Thread(() -> write(writer, rows, mine));
                threads.add(t);
                t.start();
            }
        }

        private void write(int w, int rows, Map<Long, Integer> mine) {
            Random r = new Random(w);
            long nextId = 1_000_000L * (w + 1);
            try (Connection c = db.connect();
                 PreparedStatement update = c.prepareStatement("UPDATE items SET v = ? WHERE id = ?");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM items WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, customer_id, v, qty) VALUES (?, 1, ?, 3)")) {
                while (!stop.get()) {
                    long id = 1 + (long) r.nextInt(rows / WRITERS) * WRITERS + w;
                    int op = r.nextInt(10);
                    if (op < 6) {
                        int v = r.nextInt(1000);
                        update.setInt(1, v);
                        update.setLong(2, id);
                        if (update.executeUpdate() == 1) {
                            mine.put(id, v);
                        }
                    } else if (op < 8) {
                        delete.setLong(1, id);
                        if (id > 100) {
                            delete.executeUpdate();
                            mine.put(id, null);
                        }
                    } else {
                        long nid = nextId++;
                        int v = r.nextInt(1000);
                        insert.setLong(1, nid);
                        insert.setInt(2, v);
                        insert.executeUpdate();
                        mine.put(nid, v);
                    }
                    writes.incrementAndGet();
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }

        void check(Connection c) throws SQLException {
            assertThat(failures).isEmpty();
            Map<Long, Integer> all = new HashMap<>();
            expected.forEach(all::putAll);
            Map<Long, Integer> actual = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v FROM items")) {
                while (rs.next()) {
                    actual.put(rs.getLong(1), rs.getInt(2));
                }
            }
            for (long id = 1; id <= ROWS; id++) {
                if (!all.containsKey(id)) {
                    assertThat(actual.get(id)).as("untouched row %d", id).isEqualTo((int) (id % 100));
                }
            }
            all.forEach((id, v) -> assertThat(actual.get(id)).as("row %d", id).isEqualTo(v));
            long inserted = all.keySet().stream().filter(id -> id > ROWS).count();
            long deleted = all.entrySet().stream().filter(e -> e.getKey() <= ROWS && e.getValue() == null).count();
            assertThat(actual).hasSize((int) (ROWS + inserted - deleted));
        }
    }

    private static JavaMigrationScript script(String id, Consumer<Operations> ops) {
        return script(Revision.of(id), ops);
    }

    private static JavaMigrationScript script(Revision revision, Consumer<Operations> ops) {
        String id = revision.id().value();
        Operations o = new Operations();
        ops.accept(o);
        List<Op> list = o.ops();
        return new JavaMigrationScript(revision, id, true, list, Reversal.ofAll(list), true, null);
    }

    private static List<Strategy> strategies(List<RunEvent> events) {
        return events.stream().filter(RunEvent.BackfillProgress.class::isInstance)
                .map(e -> ((RunEvent.BackfillProgress) e).progress().strategy()).distinct().toList();
    }

    @Test
    void addedColumnKeepsEveryRowAndEveryConcurrentWrite() throws Exception {
        try (Connection c = db.connect()) {
            schema(c, ROWS);
        }
        JavaMigrationScript r1 = script("r1", o -> o.addColumn("items", "status", "text",
                col -> col.notNull().defaultValue("md5(random()::text)").strategy(Strategy.COPY_SWAP)));
        List<RunEvent> events = new ArrayList<>();
        try (JdbcTarget target = Targets.open(db); Writers writers = new Writers(ROWS)) {
            Thread.sleep(200);
            new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false), events::add)
                    .upgrade("head");
            Thread.sleep(200);
            writers.close();
            assertThat(writers.writes.get()).isPositive();
            try (Connection c = db.connect()) {
                writers.check(c);
                assertThat(strategies(events)).containsExactly(Strategy.COPY_SWAP);
                assertThat(scalar(c, "SELECT count(*) FROM items WHERE status IS NULL OR length(status) <> 32")).isZero();
                assertThat(text(c, "SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'status'"))
                        .isEqualTo("true");
                // what the old table had, the new one has under the same names
                assertThat(text(c, "SELECT string_agg(indexrelid::regclass::text, ',' ORDER BY indexrelid::regclass::text)"
                        + " FROM pg_index WHERE indrelid = 'items'::regclass")).isEqualTo("items_note_key,items_pkey,items_v_idx");
                assertThat(text(c, "SELECT string_agg(conname || ':' || contype::text || ':' || convalidated, ',' ORDER BY conname)"
                        + " FROM pg_constraint WHERE conrelid = 'items'::regclass OR confrelid = 'items'::regclass"))
                        .isEqualTo("item_tags_item_id_fkey:f:true,items_customer_id_fkey:f:true,items_pkey:p:true,items_v_check:c:true");
                assertThat(text(c, "SELECT obj_description('items'::regclass, 'pg_class')")).isEqualTo("the items");
                assertThat(text(c, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'items'::regclass"))
                        .isEqualTo("fillfactor=90");
                assertThat(text(c, "SELECT has_table_privilege('public', 'items', 'SELECT')::text")).isEqualTo("true");
                assertThat(text(c, "SELECT pg_get_serial_sequence('items', 'id')")).isEqualTo("public.items_id_seq");
                assertThat(scalar(c, "SELECT count(*) FROM pg_class WHERE relname LIKE '%strata_copy%'")).isZero();
                assertThat(scalar(c, "SELECT count(*) FROM pg_proc WHERE proname LIKE '%strata_copy%'")).isZero();
                try (Statement s = c.createStatement()) {
                    // the user's trigger came along, the sequence still counts, the generated column still computes
                    s.execute("UPDATE items SET note = 'x', v = v + 1 WHERE id = 50");
                    assertThat(text(c, "SELECT coalesce(note, 'cleared') FROM items WHERE id = 50")).isEqualTo("cleared");
                    s.execute("INSERT INTO items (customer_id, v, qty) VALUES (1, 5, 1)");
                    assertThat(scalar(c, "SELECT doubled FROM items WHERE id = currval('items_id_seq')")).isEqualTo(10);
                    assertThatThrownBy(() -> s.execute("INSERT INTO item_tags VALUES (-1, 'dangling')"))
                            .hasMessageContaining("item_tags_item_id_fkey");
                }
            }
            // the way back drops the column
            new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false), e -> { })
                    .downgrade("base");
        }
        try (Connection c = db.connect()) {
            assertThat(scalar(c, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'status'"))
                    .isZero();
        }
    }

    @Test
    void typeChangeUpAndDownUnderWrites() throws Exception {
        try (Connection c = db.connect()) {
            schema(c, ROWS);
        }
        JavaMigrationScript r1 = script("r1", o -> o.alterColumn("items", "qty",
                a -> a.type("integer", "bigint").notNull().strategy(Strategy.COPY_SWAP)));
        List<RunEvent> events = new ArrayList<>();
        try (JdbcTarget target = Targets.open(db); Writers writers = new Writers(ROWS)) {
            Runner runner = new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false),
                    events::add);
            runner.upgrade("head");
            try (Connection c = db.connect()) {
                assertThat(text(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                        + " AND attname = 'qty'")).isEqualTo("bigint");
            }
            runner.downgrade("base");
            writers.close();
            try (Connection c = db.connect()) {
                writers.check(c);
                assertThat(strategies(events)).containsExactly(Strategy.COPY_SWAP);
                assertThat(text(c, "SELECT format_type(atttypid, atttypmod) || ':' || attnotnull FROM pg_attribute"
                        + " WHERE attrelid = 'items'::regclass AND attname = 'qty'")).isEqualTo("integer:true");
                assertThat(scalar(c, "SELECT count(*) FROM items WHERE id <= " + ROWS + " AND qty <> id % 7")).isZero();
                assertThat(scalar(c, "SELECT count(*) FROM items WHERE id > " + ROWS + " AND qty <> 3")).isZero();
            }
        }
    }

    /**
     * With a second session at hand (as the CLI's target has), the COPY fill reads its batches there while it writes
     * on the runner's: in batches of their own transactions, then (with a second unique index) in one snapshot;
     * under concurrent writes, every row and write is kept, and the rows are read with the runner's session
     * settings (an expression reading one).
     */
    @Test
    void readsOnASecondSessionAsTheRunnersOwnUnderWrites() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            schema(c, ROWS);
            s.execute("DROP INDEX items_note_key");
        }
        JavaMigrationScript r1 = script("r1", o -> o.addColumn("items", "status", "text",
                col -> col.notNull().defaultValue("current_setting('TimeZone') || ' ' || md5(random()::text)")
                        .strategy(Strategy.COPY_SWAP)));
        JavaMigrationScript r2 = script(Revision.of("r2", "r1"), o -> o.alterColumn("items", "qty",
                a -> a.type("integer", "bigint").notNull().strategy(Strategy.COPY_SWAP)));
        List<String> phases = java.util.Collections.synchronizedList(new ArrayList<>());
        Connection own = sessionWith("SET TimeZone = 'Pacific/Chatham'");
        CopySwapRunner.fillBatch = 1_000;
        CopySwapRunner.phaseHook = phases::add;
        try (JdbcTarget target = Targets.withSecondSessions(db, own); Writers writers = new Writers(ROWS)) {
            new Runner(MigrationSet.of(List.of(r1, r2)), target, new RunOptions(Duration.ZERO, "test", false), e -> { })
                    .upgrade("r1");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE UNIQUE INDEX items_note_key ON items (note)");
            }
            new Runner(MigrationSet.of(List.of(r1, r2)), target, new RunOptions(Duration.ZERO, "test", false),
                    e -> { }).upgrade("head");
            writers.close();
            try (Connection c = db.connect()) {
                writers.check(c);
                // copied by the fill (or the replay) with the runner's setting; a writer's insert has its own session's
                assertThat(scalar(c, "SELECT count(*) FROM items WHERE id <= " + ROWS
                        + " AND status !~ '^Pacific/Chatham [0-9a-f]{32}$'")).isZero();
                assertThat(scalar(c, "SELECT count(*) FROM items WHERE status !~ ' [0-9a-f]{32}$'")).isZero();
                assertThat(text(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                        + " AND attname = 'qty'")).isEqualTo("bigint");
                assertThat(scalar(c, "SELECT count(*) FROM items WHERE id <= " + ROWS + " AND qty <> id % 7")).isZero();
                assertThat(scalar(c, "SELECT count(*) FROM pg_class WHERE relname LIKE '%strata_copy%'")).isZero();
            }
        } finally {
            CopySwapRunner.fillBatch = CopySwapRunner.FILL_BATCH;
            CopySwapRunner.phaseHook = phase -> { };
        }
        assertThat(phases).containsSubsequence("fill", "fill beside", "indexes", "fill", "fill beside", "indexes");
        assertNoSessionsLeft();
    }

    /**
     * A custom setting of the runner's session (not in pg_settings, so a second session cannot be given it) read by
     * a set column, directly or inside a PL/pgSQL function: the fill reads on the runner's own connection and every
     * row gets the session's value. An expression that reads nothing of the session is still read beside.
     */
    @Test
    void anExpressionReadingTheSessionsCustomSettingIsFilledOnTheRunnersConnection() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            schema(c, ROWS);
            s.execute("CREATE FUNCTION tenant_label() RETURNS text LANGUAGE plpgsql VOLATILE AS"
                    + " $$BEGIN RETURN coalesce(current_setting('app.tenant', true), 'none') || '-x'; END$$");
        }
        JavaMigrationScript r1 = script("r1", o -> o.addColumn("items", "tenant", "text",
                col -> col.notNull().defaultValue("current_setting('app.tenant')").strategy(Strategy.COPY_SWAP)));
        JavaMigrationScript r2 = script(Revision.of("r2", "r1"), o -> o.addColumn("items", "label", "text",
                col -> col.notNull().defaultValue("tenant_label()").strategy(Strategy.COPY_SWAP)));
        JavaMigrationScript r3 = script(Revision.of("r3", "r2"), o -> o.addColumn("items", "salt", "text",
                col -> col.notNull().defaultValue("md5(random()::text)").strategy(Strategy.COPY_SWAP)));
        List<String> phases = java.util.Collections.synchronizedList(new ArrayList<>());
        Connection own = sessionWith("SET app.tenant = 'acme'");
        CopySwapRunner.fillBatch = 1_000;
        CopySwapRunner.phaseHook = phases::add;
        try (JdbcTarget target = Targets.withSecondSessions(db, own)) {
            for (String to : List.of("r1", "r2", "r3")) {
                phases.add("revision " + to);
                new Runner(MigrationSet.of(List.of(r1, r2, r3)), target, new RunOptions(Duration.ZERO, "test", false),
                        e -> { }).upgrade(to);
            }
            try (Connection c = db.connect()) {
                assertThat(scalar(c, "SELECT count(*) FROM items WHERE tenant = 'acme' AND label = 'acme-x'"))
                        .isEqualTo(ROWS);
            }
        } finally {
            CopySwapRunner.fillBatch = CopySwapRunner.FILL_BATCH;
            CopySwapRunner.phaseHook = phase -> { };
        }
        List<String> untilR3 = phases.subList(0, phases.indexOf("revision r3"));
        assertThat(untilR3).contains("fill").doesNotContain("fill beside");
        assertThat(phases.subList(phases.indexOf("revision r3"), phases.size())).contains("fill beside");
        try (Connection c = db.connect()) {
            assertThat(scalar(c, "SELECT count(*) FROM pg_class WHERE relname LIKE 'strata_copy_probe'")).isZero();
        }
        assertNoSessionsLeft();
    }

    @Test
    void currentSettingIsSessionBoundUnlessItNamesABuiltInSettingLiterally() {
        assertThat(CopyFill.callsCurrentSettingOfCustomName("SELECT current_setting('TimeZone') || x")).isFalse();
        assertThat(CopyFill.callsCurrentSettingOfCustomName("SELECT CURRENT_SETTING ( 'search_path' , true)")).isFalse();
        assertThat(CopyFill.callsCurrentSettingOfCustomName("SELECT md5(random()::text)")).isFalse();
        assertThat(CopyFill.callsCurrentSettingOfCustomName("SELECT current_setting('app.tenant')")).isTrue();
        assertThat(CopyFill.callsCurrentSettingOfCustomName("SELECT pg_catalog.current_setting(name)")).isTrue();
        assertThat(CopyFill.callsCurrentSettingOfCustomName("SELECT \"current_setting\"('a.b', true)")).isTrue();
        assertThat(CopyFill.callsCurrentSettingOfCustomName(
                "SELECT current_setting('TimeZone'), current_setting('x.y')")).isTrue();
    }

    /** The runner's own connection, with {@code set} run on it first (a setting only that session has). */
    private static Connection sessionWith(String set) throws Exception {
        Connection own = PgConnections.open(PgUrl.parse(db.jdbcUrl()), null);
        try (Statement s = own.createStatement()) {
            s.execute(set);
        }
        return own;
    }

    /** Waits (up to 5 s) until no session but this one is connected to the test database. */
    private static void assertNoSessionsLeft() throws Exception {
        try (Connection c = db.connect()) {
            long others = 0;
            for (int i = 0; i < 50; i++) {
                others = scalar(c, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid()");
                if (others == 0) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(others).as("sessions left on the test database").isZero();
        }
    }

    /** A row the reading session cannot convert, some batches in: the failure is the reader's, and nothing is left. */
    @Test
    void aFailedReadOnTheSecondSessionRemovesItsShadowAndTriggers() throws Exception {
        List<String> phases = java.util.Collections.synchronizedList(new ArrayList<>());
        CopySwapRunner.fillBatch = 1_000;
        CopySwapRunner.phaseHook = phases::add;
        try {
            assertAFailedCopyLeavesNothing(() -> Targets.withSecondSessions(db, PgConnections.open(PgUrl.parse(db.jdbcUrl()), null)));
        } finally {
            CopySwapRunner.fillBatch = CopySwapRunner.FILL_BATCH;
            CopySwapRunner.phaseHook = phase -> { };
        }
        assertThat(phases).contains("fill beside");
        assertNoSessionsLeft();
    }

    @Test
    void autoCopiesBigTablesWithoutIncomingKeysAndUpdatesTheRestInPlace() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO big SELECT g, g FROM generate_series(1, 120000) g");
            s.execute("CREATE TABLE small (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO small SELECT g, g FROM generate_series(1, 1000) g");
            s.execute("CREATE TABLE referenced (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO referenced SELECT g, g FROM generate_series(1, 120000) g");
            s.execute("CREATE TABLE referencing (r int REFERENCES referenced)");
            s.execute("ANALYZE");
        }
        for (String[] c : new String[][] {{"big", "COPY_SWAP"}, {"small", "IN_PLACE"}, {"referenced", "IN_PLACE"}}) {
            JavaMigrationScript r = script("r_" + c[0], o -> o.addColumn(c[0], "status", "text",
                    col -> col.notNull().defaultValue("md5(random()::text)")));
            List<RunEvent> events = new ArrayList<>();
            try (JdbcTarget target = Targets.open(db, new dev.strata.run.StateTables("public", c[0] + "_version", c[0] + "_history"))) {
                new Runner(MigrationSet.of(List.of(r)), target, new RunOptions(Duration.ZERO, "test", false), events::add)
                        .upgrade("head");
            }
            assertThat(strategies(events)).as(c[0]).containsExactly(Strategy.valueOf(c[1]));
            try (Connection conn = db.connect()) {
                assertThat(scalar(conn, "SELECT count(*) FROM " + c[0] + " WHERE status IS NULL")).isZero();
            }
        }
    }

    @Test
    void refusesWhatItCannotCarryOverAndAutoFallsBack() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE viewed (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO viewed SELECT g, g FROM generate_series(1, 120000) g");
            s.execute("CREATE VIEW viewed_v AS SELECT id FROM viewed");
            s.execute("CREATE TABLE viewed2 (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO viewed2 SELECT g, g FROM generate_series(1, 120000) g");
            s.execute("CREATE VIEW viewed2_v AS SELECT id FROM viewed2");
            s.execute("ANALYZE viewed");
            s.execute("ANALYZE viewed2");
        }
        assertCopyRefused("viewed", "views or rules depend on it");
        JavaMigrationScript auto = script("r2", o -> o.addColumn("viewed2", "status", "text",
                col -> col.notNull().defaultValue("md5(random()::text)")));
        List<RunEvent> events = new ArrayList<>();
        try (JdbcTarget target = Targets.open(db, new dev.strata.run.StateTables("public", "other_version", "other_history"))) {
            new Runner(MigrationSet.of(List.of(auto)), target, new RunOptions(Duration.ZERO, "test", false), events::add)
                    .upgrade("head");
        }
        assertThat(strategies(events)).containsExactly(Strategy.IN_PLACE);
    }

    /** The swap renames the old table aside before dropping it: what uses its row type would stay with it. */
    @Test
    void refusesATableWhoseRowTypeIsUsed() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE typed_use (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO typed_use SELECT g, g FROM generate_series(1, 1000) g");
            s.execute("CREATE FUNCTION typed_use_v(r typed_use) RETURNS int LANGUAGE sql AS 'SELECT r.v'");
        }
        assertCopyRefused("typed_use", "other objects use its row type");
        try (Connection c = db.connect()) {
            assertThat(scalar(c, "SELECT count(*) FROM pg_class WHERE relname LIKE 'typed_use_strata%'")).isZero();
        }
    }

    /** A forced copy of {@code table} (for a new NOT NULL column) is refused for {@code reason}. */
    private static void assertCopyRefused(String table, String reason) {
        JavaMigrationScript forced = script("r1", o -> o.addColumn(table, "status", "text",
                col -> col.notNull().defaultValue("md5(random()::text)").strategy(Strategy.COPY_SWAP)));
        try (JdbcTarget target = Targets.open(db)) {
            assertThatThrownBy(() -> new Runner(MigrationSet.of(List.of(forced)), target,
                    new RunOptions(Duration.ZERO, "test", false), e -> { }).upgrade("head"))
                    .isInstanceOf(StrataException.class)
                    .hasMessageContaining("copy-and-swap of \"public\".\"" + table + "\" is not possible: " + reason)
                    .hasMessageContaining("IN_PLACE");
        }
    }

    @Test
    void aFailedCopyRemovesItsShadowAndTriggers() throws Exception {
        assertAFailedCopyLeavesNothing(() -> Targets.open(db));
    }

    /** A type change that fails on row 15,000 of 20,000 (on the target {@code targets} opens) leaves nothing behind. */
    private static void assertAFailedCopyLeavesNothing(java.util.function.Supplier<JdbcTarget> targets) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE codes (id int PRIMARY KEY, code text NOT NULL)");
            s.execute("INSERT INTO codes SELECT g, g::text FROM generate_series(1, 20000) g");
            s.execute("UPDATE codes SET code = 'x' WHERE id = 15000");
        }
        JavaMigrationScript r1 = script("r1", o -> o.alterColumn("codes", "code", a -> a.type("text", "integer").notNull()
                .using("code::integer", "code::text").strategy(Strategy.COPY_SWAP)));
        try (JdbcTarget target = targets.get()) {
            assertThatThrownBy(() -> new Runner(MigrationSet.of(List.of(r1)), target,
                    new RunOptions(Duration.ZERO, "test", false), e -> { }).upgrade("head"))
                    .isInstanceOf(StrataException.class)
                    .hasMessageContaining("copy-and-swap of \"public\".\"codes\" failed")
                    .hasMessageContaining("invalid input syntax for type integer")
                    .hasMessageContaining("the shadow table, its log and triggers were removed");
        }
        try (Connection c = db.connect()) {
            assertThat(scalar(c, "SELECT count(*) FROM pg_class WHERE relname LIKE '%strata_copy%'")).isZero();
            assertThat(scalar(c, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'strata_copy%'")).isZero();
            assertThat(scalar(c, "SELECT count(*) FROM codes")).isEqualTo(20000);
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE codes SET code = '7' WHERE id = 15000");
            }
        }
    }

    /** Writes that outpace the replay make the copy give up after its limit, and leave nothing behind. */
    @Test
    void aReplayThatCannotCatchUpGivesUpAndLeavesNothing() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)");
            s.execute("INSERT INTO counters SELECT g, 0 FROM generate_series(1, 20000) g");
        }
        JavaMigrationScript r1 = script("r1", o -> o.alterColumn("counters", "n", a -> a.type("integer", "bigint")
                .notNull().using("n::bigint", "n::integer").strategy(Strategy.COPY_SWAP)));
        try (JdbcTarget target = Targets.open(db); Connection other = db.connect()) {
            CopySwapRunner.replayLimit = Duration.ZERO;
            CopySwapRunner.phaseHook = phase -> {
                if (phase.equals("replay")) {
                    // more changes than a pass may leave before the swap, all logged while the shadow was built
                    try (Statement s = other.createStatement()) {
                        s.execute("UPDATE counters SET n = n + 1 WHERE id <= " + (CopySwapRunner.REPLAY_LEFT * 3));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            try {
                assertThatThrownBy(() -> new Runner(MigrationSet.of(List.of(r1)), target,
                        new RunOptions(Duration.ZERO, "test", false), e -> { }).upgrade("head"))
                        .isInstanceOf(StrataException.class)
                        .hasMessageContaining("copy-and-swap of \"public\".\"counters\" failed")
                        .hasMessageContaining("the writes to the table outpace the copy")
                        .hasMessageContaining("IN_PLACE")
                        .hasMessageContaining("the shadow table, its log and triggers were removed");
            } finally {
                CopySwapRunner.replayLimit = Duration.ofMinutes(30);
                CopySwapRunner.phaseHook = phase -> { };
            }
        }
        try (Connection c = db.connect()) {
            assertThat(scalar(c, "SELECT count(*) FROM pg_class WHERE relname LIKE '%strata_copy%'")).isZero();
            assertThat(scalar(c, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'strata_copy%'")).isZero();
            assertThat(scalar(c, "SELECT (format_type(atttypid, atttypmod) = 'integer')::int FROM pg_attribute"
                    + " WHERE attrelid = 'counters'::regclass AND attname = 'n'")).isEqualTo(1);
            assertThat(scalar(c, "SELECT sum(n) FROM counters")).isEqualTo(CopySwapRunner.REPLAY_LEFT * 3L);
        }
    }

    /** Writes to rows of its own (ids from 9,000,000) at the start of each phase, on top of the writers'. */
    @Test
    void writesDuringIndexBuildAndReplaySurvive() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            schema(c, ROWS);
            // no unique index but the key's: the fill's batches are transactions of their own (with one, one snapshot)
            s.execute("DROP INDEX items_note_key");
            s.execute("INSERT INTO items (id, customer_id, v, qty) SELECT g, 1, 1, 1 FROM generate_series(9000001, 9000300) g");
        }
        JavaMigrationScript r1 = script("r1", o -> o.addColumn("items", "status", "text",
                col -> col.notNull().defaultValue("md5(random()::text)").strategy(Strategy.COPY_SWAP)));
        Map<Long, Integer> mine = new HashMap<>();
        for (long id = 9_000_001; id <= 9_000_300; id++) {
            mine.put(id, 1);
        }
        List<String> phases = new ArrayList<>();
        AtomicLong logged = new AtomicLong();
        try (JdbcTarget target = Targets.open(db); Writers writers = new Writers(ROWS);
             Connection other = db.connect()) {
            int[] round = {0};
            CopySwapRunner.phaseHook = phase -> {
                phases.add(phase);
                try (Statement s = other.createStatement()) {
                    if (phase.equals("replay")) {
                        logged.set(scalar(other, "SELECT count(*) FROM items_strata_copy_log"));
                    }
                    if (phase.equals("fill")) {
                        return;
                    }
                    // the writers go on meanwhile: wait for some of their writes to land in this phase too
                    long until = writers.writes.get() + 100;
                    while (writers.writes.get() < until && writers.failures.isEmpty()) {
                        Thread.sleep(5);
                    }
                    int r = ++round[0];
                    // updates, deletes, key changes and inserts, each in its own transaction
                    long base = 9_000_000 + r * 10;
                    for (long id = base + 1; id <= base + 3; id++) {
                        s.execute("UPDATE items SET v = " + (100 + r) + " WHERE id = " + id);
                        mine.put(id, 100 + r);
                    }
                    s.execute("DELETE FROM items WHERE id = " + (base + 4));
                    mine.remove(base + 4);
                    s.execute("UPDATE items SET id = id + 1000, v = 7 WHERE id = " + (base + 5));
                    mine.remove(base + 5);
                    mine.put(base + 1005, 7);
                    s.execute("INSERT INTO items (id, customer_id, v, qty) VALUES (" + (base + 2000) + ", 1, 9, 1)");
                    mine.put(base + 2000, 9);
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            try {
                new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false), e -> { })
                        .upgrade("head");
            } finally {
                CopySwapRunner.phaseHook = phase -> { };
            }
            writers.close();
            // the writes at "drop" land on the swapped-in table while the old one waits for its drop
            assertThat(phases).containsExactly("key index", "fill", "indexes", "replay", "swap", "drop");
            assertThat(logged.get()).as("changes logged before the replay").isPositive();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                Map<Long, Integer> actual = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT id, v FROM items WHERE id > 9000000")) {
                    while (rs.next()) {
                        actual.put(rs.getLong(1), rs.getInt(2));
                    }
                }
                assertThat(actual).isEqualTo(mine);
                assertThat(scalar(c, "SELECT count(*) FROM items WHERE status IS NULL OR length(status) <> 32")).isZero();
                assertThat(scalar(c, "SELECT count(*) FROM pg_class WHERE relname LIKE '%strata_copy%'")).isZero();
                s.execute("DELETE FROM items WHERE id > 9000000");
                writers.check(c);
            }
        }
    }

    @Test
    void anInterruptedCopyIsRemovedAndStartedOver() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE codes (id int PRIMARY KEY, code int NOT NULL)");
            s.execute("INSERT INTO codes SELECT g, g FROM generate_series(1, 20000) g");
        }
        JavaMigrationScript r1 = script("r1", o -> o.alterColumn("codes", "code", a -> a.type("integer", "bigint").notNull()
                .strategy(Strategy.COPY_SWAP)));
        // the process "dies" at the replay: the hook's failure stands for it, and the shadow is left as it was
        try (JdbcTarget target = Targets.open(db)) {
            CopySwapRunner.phaseHook = phase -> {
                if (phase.equals("replay")) {
                    try (Connection c = db.connect(); Statement s = c.createStatement()) {
                        s.execute("UPDATE codes SET code = -1 WHERE id = 5");
                        // a copy of what would be left behind: the failure handler removes the originals
                        s.execute("CREATE TABLE keep_shadow AS SELECT * FROM codes_strata_copy");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    throw new IllegalStateException("killed");
                }
            };
            try {
                assertThatThrownBy(() -> new Runner(MigrationSet.of(List.of(r1)), target,
                        new RunOptions(Duration.ZERO, "test", false), e -> { }).upgrade("head"))
                        .hasMessageContaining("killed");
            } finally {
                CopySwapRunner.phaseHook = phase -> { };
            }
        }
        // leave what a dead process leaves: the shadow, the log and the triggers
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE codes_strata_copy (LIKE keep_shadow)");
            s.execute("CREATE TABLE codes_strata_copy_log (strata_id bigint GENERATED ALWAYS AS IDENTITY, strata_op text, id int)");
            s.execute("CREATE FUNCTION codes_strata_copy_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " INSERT INTO codes_strata_copy_log (strata_op, id) VALUES ('U', NEW.id); RETURN NULL; END $$");
            s.execute("CREATE TRIGGER strata_copy_sync AFTER INSERT OR UPDATE ON codes FOR EACH ROW EXECUTE FUNCTION codes_strata_copy_sync()");
            s.execute("UPDATE codes SET code = -2 WHERE id = 6");
        }
        try (JdbcTarget target = Targets.open(db)) {
            new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", true), e -> { })
                    .upgrade("head");
        }
        try (Connection c = db.connect()) {
            assertThat(text(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'codes'::regclass"
                    + " AND attname = 'code'")).isEqualTo("bigint");
            assertThat(scalar(c, "SELECT count(*) FROM codes")).isEqualTo(20000);
            assertThat(scalar(c, "SELECT count(*) FROM codes WHERE code <> CASE id WHEN 5 THEN -1 WHEN 6 THEN -2 ELSE id END"))
                    .isZero();
            assertThat(scalar(c, "SELECT count(*) FROM pg_class WHERE relname LIKE '%strata_copy%'")).isZero();
            assertThat(scalar(c, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'strata_copy%'")).isZero();
        }
    }

    /** Values of a second unique index moved between rows after the copy: the replay must not trip over them. */
    @Test
    void uniqueValuesMovedBetweenRowsDuringTheCopySurvive() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tags (id int PRIMARY KEY, name text NOT NULL UNIQUE, n int NOT NULL)");
            s.execute("INSERT INTO tags SELECT g, 'n' || g, g FROM generate_series(1, 20000) g");
        }
        JavaMigrationScript r1 = script("r1", o -> o.alterColumn("tags", "n", a -> a.type("integer", "bigint").notNull()
                .strategy(Strategy.COPY_SWAP)));
        try (JdbcTarget target = Targets.open(db); Connection other = db.connect()) {
            CopySwapRunner.phaseHook = phase -> {
                if (phase.equals("indexes") || phase.equals("replay")) {
                    int a = phase.equals("indexes") ? 10 : 30;
                    int b = a + 10;
                    // swap the names of rows a and b, and hand a's old name on to a new row
                    try (Statement s = other.createStatement()) {
                        s.execute("UPDATE tags SET name = 'moving' WHERE id = " + a);
                        s.execute("UPDATE tags SET name = 'n" + a + "' WHERE id = " + b);
                        s.execute("UPDATE tags SET name = 'n" + b + "' WHERE id = " + a);
                        s.execute("DELETE FROM tags WHERE id = " + (a + 1));
                        s.execute("INSERT INTO tags VALUES (" + (100_000 + a) + ", 'n" + (a + 1) + "', 1)");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            try {
                new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false), e -> { })
                        .upgrade("head");
            } finally {
                CopySwapRunner.phaseHook = phase -> { };
            }
        }
        try (Connection c = db.connect()) {
            assertThat(text(c, "SELECT string_agg(id || '=' || name, ',' ORDER BY id) FROM tags WHERE id IN (10, 11, 20, 30, 31, 40)"
                    + " OR id > 20000")).isEqualTo("10=n20,20=n10,30=n40,40=n30,100010=n11,100030=n31");
            assertThat(scalar(c, "SELECT count(*) FROM tags")).isEqualTo(20000);
            assertThat(text(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tags'::regclass"
                    + " AND attname = 'n'")).isEqualTo("bigint");
            assertThat(text(c, "SELECT string_agg(conname || ':' || contype::text, ',' ORDER BY conname) FROM pg_constraint"
                    + " WHERE conrelid = 'tags'::regclass AND contype IN ('p', 'u')")).isEqualTo("tags_name_key:u,tags_pkey:p");
        }
    }

    /**
     * The fill copies rows by binary COPY: every value arrives as it was (domains, enums, arrays, composites,
     * numerics, text with a length limit, json), a changed column gets its new type with the type modifier applied
     * as an assignment would, and a table with a column of a type without binary input and output (aclitem) is
     * still copied (by INSERT ... SELECT).
     */
    @Test
    void copiesEveryKindOfValueAndFallsBackForTypesWithoutBinaryForm() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
            s.execute("CREATE TYPE pair AS (a int, b text)");
            s.execute("CREATE DOMAIN positive AS int CHECK (VALUE > 0)");
            s.execute("CREATE TABLE kinds (id int PRIMARY KEY, m mood, p pair, d positive, a int[], n numeric(8,2),"
                    + " v varchar(12), j jsonb, ts timestamptz, r int4range, u uuid, price numeric)");
            s.execute("INSERT INTO kinds SELECT g, (ARRAY['sad','ok','happy']::mood[])[1 + g % 3], ROW(g, 'b' || g)::pair, g,"
                    + " ARRAY[g, g + 1, NULL], g / 7.0, 'v' || g, jsonb_build_object('g', g, 'l', ARRAY[1, 2]),"
                    + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute', int4range(g, g + 10), md5(g::text)::uuid,"
                    + " CASE WHEN g % 5 = 0 THEN NULL ELSE g / 3.0 END FROM generate_series(1, 3000) g");
            s.execute("CREATE TABLE acl (id int PRIMARY KEY, a aclitem, v int)");
            s.execute("INSERT INTO acl SELECT g, 'postgres=r/postgres'::aclitem, g FROM generate_series(1, 3000) g");
        }
        String before;
        try (Connection c = db.connect()) {
            before = text(c, "SELECT md5(string_agg(k::text, '|' ORDER BY id)) FROM kinds k");
        }
        JavaMigrationScript r1 = script("r1", o -> o.alterColumn("kinds", "price", a -> a.type("numeric", "numeric(10,1)")
                .strategy(Strategy.COPY_SWAP)));
        JavaMigrationScript r2 = script("r2", o -> o.addColumn("acl", "status", "text",
                col -> col.notNull().defaultValue("md5(random()::text)").strategy(Strategy.COPY_SWAP)));
        List<RunEvent> events = new ArrayList<>();
        try (JdbcTarget target = Targets.open(db)) {
            new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false), events::add)
                    .upgrade("head");
        }
        try (JdbcTarget target = Targets.open(db, new dev.strata.run.StateTables("public", "acl_version", "acl_history"))) {
            new Runner(MigrationSet.of(List.of(r2)), target, new RunOptions(Duration.ZERO, "test", false), events::add)
                    .upgrade("head");
        }
        assertThat(strategies(events)).containsExactly(Strategy.COPY_SWAP);
        try (Connection c = db.connect()) {
            assertThat(text(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'kinds'::regclass"
                    + " AND attname = 'price'")).isEqualTo("numeric(10,1)");
            assertThat(scalar(c, "SELECT count(*) FROM kinds WHERE price IS DISTINCT FROM"
                    + " CASE WHEN id % 5 = 0 THEN NULL ELSE round(id / 3.0, 1) END")).isZero();
            assertThat(text(c, "SELECT md5(string_agg(ROW(id, m, p, d, a, n, v, j, ts, r, u,"
                    + " CASE WHEN id % 5 = 0 THEN NULL ELSE id / 3.0 END)::text, '|' ORDER BY id)) FROM kinds")).isEqualTo(before);
            assertThat(scalar(c, "SELECT count(*) FROM acl WHERE status IS NULL OR NOT a = 'postgres=r/postgres'::aclitem")).isZero();
            assertThat(scalar(c, "SELECT count(*) FROM acl")).isEqualTo(3000);
        }
    }
}
