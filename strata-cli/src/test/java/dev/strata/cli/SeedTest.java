package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed data per environment: loaded after upgrade, once per file content, recorded in history. */
class SeedTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void seedsLoadOncePerContentInTheEnvironmentsThatAskForThem() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE roles (name text PRIMARY KEY);\n"
                + "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, role text REFERENCES roles, note text);",
                "DROP TABLE users;\nDROP TABLE roles;");
        Path seeds = Files.createDirectories(dir.resolve("seeds/development"));
        Files.writeString(seeds.getParent().resolve("01_roles.sql"),
                "INSERT INTO roles VALUES ('admin'), ('trader') ON CONFLICT DO NOTHING;\n");
        Files.writeString(seeds.resolve("users.csv"), "id,name,role,note\n1,Ada,admin,\n2,\"Lovelace, A.\",trader,\"\"\n");
        Files.createDirectories(dir.resolve("seeds/production"));
        Files.writeString(dir.resolve("seeds/production/never.sql"), "INSERT INTO roles VALUES ('prod-only');\n");

        var up = cli.run("upgrade");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.err()).contains("seed: 01_roles.sql loaded (1 statements", "seed: development/users.csv loaded (2 rows");
        assertThat(query("SELECT id || ':' || name || ':' || role || ':' || coalesce(note, 'NULL') FROM users ORDER BY id"))
                .containsExactly("1:Ada:admin:NULL", "2:Lovelace, A.:trader:");
        assertThat(query("SELECT name FROM roles ORDER BY 1")).containsExactly("admin", "trader");

        // unchanged files do not load again
        var again = cli.run("seed", "--json");
        assertThat(again.code()).as(again.toString()).isZero();
        JsonNode doc = SchemaCheck.parse(again.out());
        assertThat(SchemaCheck.violations(SchemaCheck.schema("seed.schema.json"), doc)).isEmpty();
        assertThat(doc.get("files").findValuesAsText("status")).containsExactly("unchanged", "unchanged");
        assertThat(query("SELECT count(*) FROM strata_history WHERE action = 'seed'")).containsExactly("2");

        // a changed CSV is upserted by primary key
        Files.writeString(seeds.resolve("users.csv"), "id,name,role,note\n1,Ada King,admin,x\n3,Grace,trader,\n");
        var changed = cli.run("seed");
        assertThat(changed.out()).contains("unchanged  01_roles.sql", "loaded     development/users.csv (2 rows, ");
        assertThat(query("SELECT id || ':' || name FROM users ORDER BY id")).containsExactly("1:Ada King", "2:Lovelace, A.",
                "3:Grace");
        assertThat(query("SELECT revision || ' ' || message FROM strata_history WHERE action = 'seed' ORDER BY id"))
                .containsExactly("01_roles.sql new seed file, 1 statements", "development/users.csv new seed file, 2 rows",
                        "development/users.csv changed seed file, 2 rows");

        // production: off unless configured; upgrade leaves them, strata seed refuses in one line
        Cli prod = new Cli(dir, db.jdbcUrl());
        prod.env.put("ENVIRONMENT", "production");
        assertThat(prod.run("upgrade").err()).doesNotContain("seed:");
        var refused = prod.run("seed");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("error: seed data is off for environment 'production'; set seed = true in"
                + " [environments.production] of strata.toml to load seeds there\n");
        assertThat(query("SELECT name FROM roles ORDER BY 1")).doesNotContain("prod-only");

        // a failing seed names file and line, loads nothing of the file, and the upgrade before it stands
        Files.writeString(seeds.resolve("zz_bad.sql"), "INSERT INTO roles VALUES ('viewer');\n\n"
                + "INSERT INTO users VALUES (9, 'X', 'nope');\n");
        var bad = cli.run("seed");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("error: seed seeds/development/zz_bad.sql:3 failed: ERROR: insert or update on"
                + " table \"users\" violates foreign key constraint").contains("nothing of this file was loaded");
        assertThat(query("SELECT name FROM roles ORDER BY 1")).doesNotContain("viewer");
        Files.delete(seeds.resolve("zz_bad.sql"));

        Files.writeString(seeds.resolve("users.csv"), "id,name,role,note\n4,\"Unclosed,admin,\n");
        var badCsv = cli.run("seed");
        assertThat(badCsv.code()).isEqualTo(2);
        assertThat(badCsv.err()).isEqualTo("error: seeds/development/users.csv:2: a quoted field is not closed; add the"
                + " closing double quote\n");
        Files.writeString(seeds.resolve("nokey.csv"), "a\n1\n");
        Files.writeString(seeds.resolve("users.csv"), "id,name,role,note\n1,Ada King,admin,x\n");
        var noTable = cli.run("seed");
        assertThat(noTable.err()).isEqualTo("error: seeds/development/nokey.csv: table nokey does not exist; name a CSV"
                + " seed after its table (TABLE.csv or SCHEMA.TABLE.csv), and load it after the revision that creates"
                + " the table\n");
    }

    private List<String> query(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
