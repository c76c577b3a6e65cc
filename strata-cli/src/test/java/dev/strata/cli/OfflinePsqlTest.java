package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.strata.cli.JavaSources.revision;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code upgrade --sql} is runnable as printed (issue 9, item 9): the offline SQL of Java revisions using every
 * op of core's sealed {@code Op} hierarchy and the materialized-view ops (batched backfills, drops, VALIDATE, the
 * contract step of a rename included; the TimescaleDB and pgvector ops in {@link OfflinePsqlExtensionsTest}), runs through psql with ON_ERROR_STOP on one database, an online
 * {@code strata upgrade} runs on another, and both end with the same schema (pg_dump), the same rows and the
 * same version table.
 */
class OfflinePsqlTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static final int ROWS = 2_500;

    private static final String EVERY_OP = revision("com.acme.offline", "R2_EveryOp",
            "id = \"o2\", parents = {\"o1\"}, message = \"every op\"",
            String.join("\n",
                    "        op.createExtension(\"pg_trgm\");",
                    "        op.dropIndex(\"orders_ref_idx\");",
                    "        op.dropConstraint(\"orders\", \"orders_qty_max\");",
                    "        op.validateConstraint(\"customers\", \"customers_id_positive\");",
                    "        op.dropEnum(\"old_mood\", \"x\", \"y\");",
                    "        op.add(new dev.strata.op.DropSequence(dev.strata.op.QualifiedName.of(\"old_seq\"), null));",
                    "        op.add(new dev.strata.op.DropView(dev.strata.op.QualifiedName.of(\"old_view\"), null));",
                    "        op.add(new dev.strata.op.DropExtension(\"citext\", null));",
                    "        op.createEnum(\"mood\", \"sad\", \"happy\");",
                    "        op.addEnumValue(\"mood\", \"ok\", \"sad\");",
                    "        op.createSequence(\"ticket_seq\");",
                    "        op.createTable(\"tags\", t -> t.column(\"id\", \"bigint\", c -> c.identity()).primaryKey(\"id\")",
                    "                .column(\"name\", \"text\", c -> c.notNull()));",
                    "        op.addColumn(\"orders\", \"status\", \"text\", c -> c.notNull().defaultValue(\"'new'\"));",
                    "        op.addColumn(\"orders\", \"code\", \"text\", c -> c.notNull().defaultValue(\"md5('k')\"));",
                    "        op.addColumn(\"orders\", \"note\", \"text\");",
                    "        op.backfill(\"orders\", java.util.Map.of(\"note\", \"'n' || id\"), \"note IS NULL\", \"id\");",
                    "        op.alterColumn(\"orders\", \"qty\", a -> a.type(\"integer\", \"bigint\").notNull());",
                    "        op.alterColumnType(\"orders\", \"ref\", \"text\", \"varchar(40)\");",
                    "        op.renameColumnExpand(\"orders\", \"amount\", \"total\", \"integer\", c -> c.key(\"id\"));",
                    "        op.createIndex(\"orders_status_idx\", \"orders\", \"status\");",
                    "        op.createUniqueConstraint(\"orders_ref_key\", \"orders\", \"ref\");",
                    "        op.createForeignKey(\"orders_customer_fk\", \"orders\", java.util.List.of(\"customer_id\"),",
                    "                \"customers\", java.util.List.of(\"id\"), fk -> { });",
                    "        op.createCheckConstraint(\"orders_qty_positive\", \"orders\", \"qty > 0\");",
                    "        op.createView(\"open_orders\", \"SELECT id, status FROM orders WHERE status = 'new'\");",
                    "        op.commentOnTable(\"orders\", \"what customers bought\");",
                    "        op.commentOnColumn(\"orders\", \"status\", \"new, paid or done\");",
                    "        op.renameColumn(\"customers\", \"name\", \"full_name\");",
                    "        op.dropColumn(\"customers\", \"legacy\");",
                    "        op.renameTable(\"scratch\", \"scratch_old\");",
                    "        op.dropTable(\"gone\");",
                    "        op.sql(\"INSERT INTO tags (name) VALUES ('a'), ('b')\", \"DELETE FROM tags\");"));

    /** The ops of a later revision: the contract step of the rename, materialized views and their refresh triggers. */
    private static final String LATER_OPS = revision("com.acme.offline", "R3_LaterOps",
            "id = \"o3\", parents = {\"o2\"}, message = \"contract and materialized views\"",
            String.join("\n",
                    "        dev.strata.op.QualifiedName totals = dev.strata.op.QualifiedName.of(\"order_totals\");",
                    "        op.renameColumnContract(\"orders\", \"amount\", \"total\", \"integer\", c -> c.notNull().key(\"id\"));",
                    "        op.add(new dev.strata.op.ext.CreateMaterializedView(totals,",
                    "                \"SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id\", true));",
                    "        op.add(new dev.strata.op.ext.RefreshMaterializedView(totals, false));",
                    "        dev.strata.op.ext.CreateRefreshTrigger trigger = new dev.strata.op.ext.CreateRefreshTrigger(",
                    "                dev.strata.op.QualifiedName.of(\"tags\"), totals,",
                    "                dev.strata.op.QualifiedName.of(\"refresh_order_totals\"), \"tags_refresh_totals\", false);",
                    "        op.add(trigger);",
                    "        op.add(new dev.strata.op.ext.DropRefreshTrigger(trigger));",
                    "        op.add(new dev.strata.op.ext.CreateRefreshTrigger(dev.strata.op.QualifiedName.of(\"customers\"),",
                    "                totals, dev.strata.op.QualifiedName.of(\"refresh_totals_on_customers\"),",
                    "                \"customers_refresh_totals\", false));",
                    "        op.add(new dev.strata.op.ext.DropMaterializedView(dev.strata.op.QualifiedName.of(\"old_mv\"), null));"));

    @Test
    void offlineSqlThroughPsqlEndsWhereTheOnlineRunEnds() throws Exception {
        Files.writeString(dir.resolve("strata.toml"), "[strata]\njava_package = \"com.acme.offline\"\n"
                + "java_classpath = [\"build/classes\"]\n");
        Cli offline = new Cli(dir, "postgresql://nobody:pw@127.0.0.1:1/none");
        offline.simple("o1", null, "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, legacy text);\n"
                        + "INSERT INTO customers SELECT g, 'c' || g, 'x' FROM generate_series(1, 100) g;\n"
                        + "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, amount int NOT NULL,"
                        + " qty int NOT NULL, ref text);\n"
                        + "INSERT INTO orders SELECT g, 1 + g % 100, g % 997, 1 + g % 50, md5(g::text)"
                        + " FROM generate_series(1, " + ROWS + ") g;\n"
                        + "CREATE TABLE scratch (id int);\nCREATE TABLE gone (id int);\n"
                        // objects the ops of o2 and o3 drop or validate
                        + "CREATE INDEX orders_ref_idx ON orders (ref);\n"
                        + "ALTER TABLE orders ADD CONSTRAINT orders_qty_max CHECK (qty < 1000);\n"
                        + "ALTER TABLE customers ADD CONSTRAINT customers_id_positive CHECK (id > 0) NOT VALID;\n"
                        + "CREATE TYPE old_mood AS ENUM ('x', 'y');\nCREATE SEQUENCE old_seq;\n"
                        + "CREATE VIEW old_view AS SELECT 1 AS one;\nCREATE EXTENSION citext;\n"
                        + "CREATE MATERIALIZED VIEW old_mv AS SELECT 1 AS one;",
                "DROP MATERIALIZED VIEW old_mv;\nDROP EXTENSION citext;\nDROP VIEW old_view;\nDROP SEQUENCE old_seq;\n"
                        + "DROP TYPE old_mood;\nDROP TABLE gone;\nDROP TABLE scratch;\nDROP TABLE orders;\nDROP TABLE customers;");
        JavaSources.compile(dir.resolve("src"), dir.resolve("build/classes"),
                Map.of("com.acme.offline.R2_EveryOp", EVERY_OP, "com.acme.offline.R3_LaterOps", LATER_OPS));
        var printed = offline.run("upgrade", "head", "--sql");
        assertThat(printed.code()).as(printed.toString()).isZero();
        assertThat(printed.out()).contains("DO $strata$").doesNotContain("-- UPDATE");
        Path script = dir.resolve("upgrade.sql");
        Files.writeString(script, printed.out(), StandardCharsets.UTF_8);

        String viaPsql = db.createDatabase();
        psql(db, viaPsql, script);

        var online = new Cli(dir, db.jdbcUrl()).run("upgrade", "head");
        assertThat(online.code()).as(online.toString()).isZero();

        assertThat(dump(viaPsql)).isEqualTo(dump(db.name()));
        for (String q : List.of("SELECT string_agg(o::text, ';' ORDER BY id) FROM orders o",
                "SELECT string_agg(c::text, ';' ORDER BY id) FROM customers c",
                "SELECT string_agg(t::text, ';' ORDER BY id) FROM tags t",
                "SELECT string_agg(v::text, ';' ORDER BY customer_id) FROM order_totals v",
                "SELECT convalidated::text FROM pg_constraint WHERE conname = 'customers_id_positive'",
                "SELECT string_agg(revision, ',' ORDER BY revision) FROM strata_version",
                "SELECT string_agg(revision || ' ' || action || ' ' || status, ',' ORDER BY id) FROM strata_history")) {
            assertThat(scalar(db, viaPsql, q)).as(q).isEqualTo(scalar(db, db.name(), q));
        }
        assertThat(scalar(db, viaPsql, "SELECT count(*) FROM orders WHERE note IS NULL OR status IS NULL")).isEqualTo("0");
    }

    static String scalar(TestDatabase db, String name, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(name)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String[] connection(TestDatabase db, String name) {
        URI u = URI.create(db.url(name).substring("jdbc:".length()));
        String user = "postgres";
        for (String p : (u.getQuery() == null ? "" : u.getQuery()).split("&")) {
            if (p.startsWith("user=")) {
                user = p.substring(5);
            }
        }
        return new String[] {"-h", u.getHost(), "-p", String.valueOf(u.getPort() < 0 ? 5432 : u.getPort()), "-U", user};
    }

    static void psql(TestDatabase db, String name, Path script) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        cmd.addAll(List.of(connection(db, name)));
        cmd.addAll(List.of("-d", name, "-f", script.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("psql:\n" + out).isZero();
    }

    /** pg_dump --schema-only without comments and settings. */
    private String dump(String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("pg_dump", "--schema-only", "--no-owner", "--no-privileges"));
        cmd.addAll(List.of(connection(db, name)));
        cmd.add(name);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("pg_dump: " + out).isZero();
        return out.lines().filter(l -> !l.isBlank() && !l.startsWith("--") && !l.startsWith("\\"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
