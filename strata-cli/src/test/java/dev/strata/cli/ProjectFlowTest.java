package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** init, revision, merge, heads, branches, show, history as a new user meets them. */
class ProjectFlowTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("migrations"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".sql") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    @Test
    void initRevisionUpgradeBranchMerge() throws Exception {
        Cli cli = new Cli(dir, null);
        cli.env.put("DATABASE_URL", db.jdbcUrl());
        var init = cli.runRaw("init");
        assertThat(init.code()).as(init.toString()).isZero();
        assertThat(dir.resolve("strata.toml")).exists();
        assertThat(dir.resolve("migrations/.template.sql")).exists();
        assertThat(Files.readString(dir.resolve(".gitignore"))).contains(".strata/");
        assertThat(cli.runRaw("init").code()).isEqualTo(2);

        var rev = cli.runRaw("revision", "-m", "Create users table", "--rev-id", "r001");
        assertThat(rev.code()).as(rev.toString()).isZero();
        Path first = files().get(0);
        assertThat(first.getFileName().toString()).isEqualTo("r001_create_users_table.sql");
        String text = Files.readString(first);
        assertThat(text).contains("-- strata:revision r001").contains("-- strata:upgrade").contains("-- strata:downgrade");
        Files.writeString(first, text.replace("-- strata:upgrade\n", "-- strata:upgrade\nCREATE TABLE users (id int);\n")
                .replace("-- strata:downgrade\n", "-- strata:downgrade\nDROP TABLE users;\n"));

        // two branches from r001, then a merge
        assertThat(cli.runRaw("revision", "-m", "left", "--rev-id", "r002a").code()).isZero();
        assertThat(cli.runRaw("revision", "-m", "right", "--rev-id", "r002b", "--head", "r001").code()).isZero();
        for (Path p : files().subList(1, 3)) {
            String name = p.getFileName().toString().substring(0, 5);
            Files.writeString(p, Files.readString(p).replace("-- strata:upgrade\n", "-- strata:upgrade\nCREATE TABLE " + name + " (id int);\n")
                    .replace("-- strata:downgrade\n", "-- strata:downgrade\nDROP TABLE " + name + ";\n"));
        }
        var heads = cli.runRaw("heads");
        assertThat(heads.out()).contains("r002a (head)").contains("r002b (head)");
        var branches = cli.runRaw("branches");
        assertThat(branches.out()).contains("r001").contains("r002a").contains("r002b");
        assertThat(cli.runRaw("upgrade", "head").code()).isEqualTo(2);
        var all = cli.runRaw("upgrade", "heads");
        assertThat(all.code()).as(all.toString()).isZero();

        var merge = cli.runRaw("merge", "heads", "-m", "join", "--rev-id", "r003");
        assertThat(merge.code()).as(merge.toString()).isZero();
        assertThat(cli.runRaw("heads").out()).contains("r003 (head)").doesNotContain("r002a (head)");
        assertThat(cli.runRaw("upgrade", "head").code()).isZero();
        assertThat(cli.runRaw("current").out().strip()).isEqualTo("r003 (head)");

        var history = cli.runRaw("history");
        assertThat(history.out().lines().toList().get(0)).startsWith("r002a, r002b -> r003 (head)");
        assertThat(cli.runRaw("history", "-r", "r001:r002a").out().lines().count()).isEqualTo(2);
        var show = cli.runRaw("show", "r001");
        assertThat(show.out()).contains("Rev: r001").contains("CREATE TABLE users (id int);");

        // downgrade below the merge point, then all the way
        assertThat(cli.runRaw("downgrade", "r002a").code()).isZero();
        assertThat(cli.runRaw("current").out()).contains("r002a").contains("r002b");
        assertThat(cli.runRaw("downgrade", "base").code()).isZero();
        assertThat(cli.runRaw("current").out()).isEmpty();
    }

    @Test
    void nonTransactionalRevisionTemplate() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        var rev = cli.run("revision", "-m", "index", "--non-transactional", "--rev-id", "x1");
        assertThat(rev.code()).as(rev.toString()).isZero();
        assertThat(Files.readString(files().get(0))).contains("-- strata:transactional false");
    }
}
