package dev.strata.maven;

import dev.strata.testkit.TestDatabase;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin in real Maven builds of the sample projects in {@code src/it} (offline, against a repository under
 * target/ that the invoker plugin filled with this plugin and its dependencies), against a real PostgreSQL.
 */
class PluginIT {
    @RegisterExtension
    TestDatabase db = new TestDatabase();

    @Test
    void upgradeCurrentHistorySqlCheckThenDowngradeAndAFailingCheck() throws Exception {
        Path project = copy("upgrade-check");
        Build ok = mvn(project, List.of("strata:upgrade", "strata:current", "strata:history", "strata:sql",
                "strata:check", "strata:stairway"), new Properties());
        assertThat(ok.exitCode).as(ok.output).isZero();
        assertThat(ok.output).contains("[INFO] Strata: applied 0001 in").contains("[INFO] Strata: applied 0002 in")
                .contains("Strata: 2 revision(s) applied; the database is at [0002]")
                .contains("Strata: current 0002 (head)")
                .contains("0001 upgrade ok").contains("Strata: up to date at [0002]")
                .contains("Strata: stairway passed: 2 revision(s)");
        assertThat(Files.readString(project.resolve("target/strata/upgrade.sql")))
                .contains("CREATE TABLE account").contains("ALTER TABLE account ADD COLUMN name text");
        assertThat(count("SELECT count(*) FROM strata_history WHERE action = 'upgrade'")).isEqualTo(2);

        Properties to0001 = new Properties();
        to0001.setProperty("strata.target", "0001");
        Build down = mvn(project, List.of("strata:downgrade", "strata:check"), to0001);
        assertThat(down.exitCode).as(down.output).isNotZero();
        assertThat(down.output).contains("Strata: reverted 0002 in")
                .contains("[ERROR] Strata: pending 0002")
                .contains("Strata: the database is not up to date (1 problem(s), listed above)");
        assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'account'"
                + " AND column_name = 'name'")).isZero();
    }

    @Test
    void aLintFindingFailsTheBuild() throws Exception {
        Path project = copy("lint-fails");
        Build b = mvn(project, List.of("verify"), new Properties());
        assertThat(b.exitCode).as(b.output).isNotZero();
        assertThat(b.output).contains("migrations/0002_orders_customer_index.sql:6")
                .contains("SA001 require-concurrent-index-creation")
                .contains("Strata: 1 lint finding(s) at or above error (SA001)");
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }

    @Test
    void theReadmeShowsTheSamplePom() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String pom = Files.readString(Path.of("src", "it", "upgrade-check", "pom.xml"));
        String plugin = pom.substring(pom.indexOf("      <plugin>"), pom.indexOf("      </plugin>") + "      </plugin>".length())
                .replace("@project.version@", System.getProperty("it.version"));
        assertThat(readme).contains(plugin);
    }

    private record Build(int exitCode, String output) {
    }

    private Build mvn(Path project, List<String> goals, Properties properties) throws Exception {
        StringBuilder out = new StringBuilder();
        InvocationRequest request = new DefaultInvocationRequest()
                .setBaseDirectory(project.toFile())
                .setGoals(goals)
                .setBatchMode(true)
                .setOffline(false)  // BOMs imported by the dependencies' POMs (jackson-bom, junit-bom ...) are not copied by invoker:install
                .setLocalRepositoryDirectory(new File(System.getProperty("it.repository")))
                .setProperties(properties)
                .setOutputHandler(line -> out.append(line).append('\n'))
                .setErrorHandler(line -> out.append(line).append('\n'))
                .setMavenOpts("-Xmx256m -XX:TieredStopAtLevel=1");
        request.addShellEnvironment("DATABASE_URL", db.jdbcUrl());
        request.addShellEnvironment("ENVIRONMENT", "development");
        properties.setProperty("strata.devUrl", db.adminJdbcUrl());
        DefaultInvoker invoker = new DefaultInvoker();
        invoker.setMavenHome(new File(System.getProperty("maven.home")));
        InvocationResult result = invoker.execute(request);
        if (result.getExecutionException() != null) {
            throw result.getExecutionException();
        }
        return new Build(result.getExitCode(), out.toString());
    }

    /** The sample project copied under target/ with this plugin's version filled in. */
    private static Path copy(String name) throws IOException {
        Path from = Path.of("src", "it", name);
        Path to = Path.of("target", "it", name + "-" + System.nanoTime());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(f, StandardCharsets.UTF_8)
                            .replace("@project.version@", System.getProperty("it.version")));
                }
            }
        }
        return to;
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
