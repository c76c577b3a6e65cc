package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples in examples/ci: the container entrypoint runs against the real server (migrates, then execs the
 * application in its own process; gives up with one line when the database never comes); the GitHub Actions
 * workflow and the Kubernetes Job parse as YAML with the expected shape, and every Strata command line in them
 * is one the CLI accepts ({@code preflight} and {@code verify}, from issue 11's other parts, are only named).
 */
class CiExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "ci").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Commands of issue 11 that other branches add; the workflow uses them as documented there. */
    private static final Set<String> ELSEWHERE = Set.of("preflight", "verify");

    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private record Run(int code, String out, long pid) {
    }

    private Run entrypoint(Map<String, String> env, String... app) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", EXAMPLES.resolve("docker-entrypoint.sh").toString()));
        cmd.addAll(List.of(app));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("DATABASE_URL") || k.equals("ENVIRONMENT"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        pb.environment().put("STRATA", java + " -XX:TieredStopAtLevel=1 -cp "
                + System.getProperty("java.class.path").replace(" ", "%20") + " dev.strata.cli.Main");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, p.pid());
    }

    @Test
    void entrypointWaitsMigratesAndExecsTheApplication() throws Exception {
        assertThat(System.getProperty("java.class.path")).doesNotContain(" ");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/r1.sql"), "-- strata:revision r1\n-- strata:message accounts\n\n"
                + "-- strata:upgrade\nCREATE TABLE accounts (id bigint PRIMARY KEY);\n\n"
                + "-- strata:downgrade\nDROP TABLE accounts;\n");
        Run ok = entrypoint(Map.of("ENVIRONMENT", "production", "DATABASE_URL_PRODUCTION", db.jdbcUrl()),
                "sh", "-c", "echo \"app running as pid $$ with $# args: $1\"", "app", "--port=8000");
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("Running database migrations...").contains("Starting application...")
                // exec: the application is the entrypoint's own process, with its arguments
                .contains("app running as pid " + ok.pid() + " with 1 args: --port=8000");
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT to_regclass('public.accounts') IS NOT NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as(ok.out()).isTrue();
        }

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run down = entrypoint(Map.of("DATABASE_URL", "postgresql://app:hunter2@127.0.0.1:" + port + "/app",
                "STRATA_WAIT_FOR_DB", "1s"), "sh", "-c", "echo app started");
        assertThat(down.code()).as(down.out()).isEqualTo(ExitCode.FAILURE);
        assertThat(down.out()).contains("waiting up to 1s for the database at postgresql://app:***@127.0.0.1:" + port)
                .contains("error: gave up waiting for the database after 1s")
                .doesNotContain("hunter2").doesNotContain("Starting application").doesNotContain("app started");
    }

    @Test
    void workflowAndJobAreValidYamlUsingRealCommandLines() throws Exception {
        JsonNode wf = YAML.readTree(EXAMPLES.resolve("database-migration.yml").toFile());
        assertThat(wf.path("on").path("pull_request").isObject()).isTrue();
        JsonNode job = wf.path("jobs").path("validate-migration");
        assertThat(job.path("services").path("postgres").path("image").asText()).startsWith("timescale/timescaledb");
        assertThat(job.path("services").path("postgres").path("options").asText()).contains("--health-cmd pg_isready");
        List<String> names = new ArrayList<>();
        StringBuilder scripts = new StringBuilder();
        for (JsonNode step : job.path("steps")) {
            names.add(step.path("name").asText(step.path("uses").asText()));
            scripts.append(step.path("run").asText()).append('\n');
        }
        assertThat(names).containsSubsequence("Build Strata", "Generate migration report", "Pre-checks",
                "Test migration (upgrade)", "Verify schema", "Test rollback (downgrade)", "Comment on PR");
        List<List<String>> lines = strataLines(scripts.toString());
        assertThat(lines).extracting(l -> l.stream().filter(w -> Set.of("upgrade", "report", "preflight", "verify",
                "downgrade").contains(w)).findFirst().orElse("?")).containsSubsequence("upgrade", "report", "report", "preflight",
                "upgrade", "verify", "downgrade", "upgrade");
        for (List<String> args : lines) {
            check(args);
        }

        JsonNode k8s = YAML.readTree(EXAMPLES.resolve("migration-job.yaml").toFile());
        assertThat(k8s.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(k8s.path("kind").asText()).isEqualTo("Job");
        assertThat(k8s.path("spec").path("backoffLimit").asInt()).isEqualTo(3);
        JsonNode pod = k8s.path("spec").path("template").path("spec");
        assertThat(pod.path("restartPolicy").asText()).isEqualTo("OnFailure");
        JsonNode container = pod.path("containers").get(0);
        List<String> command = new ArrayList<>();
        container.path("command").forEach(n -> command.add(n.asText()));
        assertThat(command).startsWith("strata", "--wait-for-db");
        check(command.subList(1, command.size()));
        assertThat(container.path("env").findValues("secretKeyRef")).hasSize(1);
    }

    /** Each {@code strata ...} command line of a script, split into words, with variables left as words. */
    private static List<List<String>> strataLines(String scripts) {
        List<List<String>> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*strata\\s+(.*)$").matcher(scripts);
        while (m.find()) {
            List<String> words = new ArrayList<>();
            for (String w : m.group(1).trim().split("\\s+")) {
                words.add(w.replace("\"", ""));
            }
            out.add(words);
        }
        return out;
    }

    /** The command line parses (its --help is shown instead of running it); commands from other branches are only named. */
    private static void check(List<String> words) {
        Set<String> valued = Set.of("--config", "--env", "--url", "--dir", "-n", "--name", "--wait-for-db");
        String command = null;
        for (int i = 0; i < words.size() && command == null; i++) {
            if (valued.contains(words.get(i))) {
                i++;
            } else if (!words.get(i).startsWith("-")) {
                command = words.get(i);
            }
        }
        assertThat(command).as(String.join(" ", words)).isNotNull();
        if (ELSEWHERE.contains(command) && !StrataCommand.SUBCOMMANDS.containsKey(command)) {
            return;
        }
        assertThat(StrataCommand.SUBCOMMANDS).as(String.join(" ", words)).containsKey(command);
        List<String> withHelp = new ArrayList<>(words);
        withHelp.add("--help");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code;
        try (java.io.PrintStream o = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
             java.io.PrintStream e = new java.io.PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(withHelp.toArray(String[]::new), o, e, Map.of(), Path.of(".").toAbsolutePath());
        }
        assertThat(code).as(String.join(" ", words) + "\n" + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: strata " + command);
    }
}
