package dev.strata.cli.examples;

import dev.strata.cli.Main;
import dev.strata.op.Operations;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One of the folders of examples/, copied into a temporary folder (so runs never write into the source tree)
 * and driven through the CLI in-process, with the database URL given as --url the way a CI job passes it.
 */
final class ExampleProject {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    final Path dir;
    /** The environment the commands see (nothing from the machine's: no DATABASE_URL* or ENVIRONMENT). */
    final Map<String, String> env = new HashMap<>();
    private final String url;

    private ExampleProject(Path dir, String url) {
        this.dir = dir;
        this.url = url;
    }

    /**
     * Copies examples/{@code name} into {@code into}; {@link #run} passes {@code url} as --url (null: the
     * project's configuration chooses, use {@link #runRaw} / {@link #okRaw}).
     */
    static ExampleProject copy(String name, Path into, String url) {
        Path source = EXAMPLES.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = into.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExampleProject(into, url);
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** {@code strata --url URL ARGS...} in the example's folder, with no DATABASE_URL* or ENVIRONMENT set. */
    Result run(String... args) {
        if (url == null) {
            throw new IllegalStateException("no --url for this project: use runRaw");
        }
        List<String> all = new ArrayList<>(List.of("--url", url));
        all.addAll(Arrays.asList(args));
        return runRaw(all.toArray(String[]::new));
    }

    /** {@code strata ARGS...} as given (no --url added: the URL comes from the configuration and {@link #env}). */
    Result runRaw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, env, dir);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs ARGS and fails the test (with the output) unless the exit status is 0. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.code() != 0) {
            throw new AssertionError("strata " + String.join(" ", args) + " failed:\n" + r);
        }
        return r;
    }

    /** Runs ARGS as given (no --url added) and fails the test (with the output) unless the exit status is 0. */
    Result okRaw(String... args) {
        Result r = runRaw(args);
        if (r.code() != 0) {
            throw new AssertionError("strata " + String.join(" ", args) + " failed:\n" + r);
        }
        return r;
    }

    /** Compiles the example's Java revisions (src/main/java) into build/classes, as the team's build does. */
    void compileJava() {
        Path out = dir.resolve("build/classes");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", coreClasses(),
                "-encoding", "UTF-8", "-proc:none"));
        try (Stream<Path> files = Files.walk(dir.resolve("src/main/java"))) {
            Files.createDirectories(out);
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new AssertionError("compilation failed:\n" + err.toString(StandardCharsets.UTF_8));
        }
    }

    private static String coreClasses() {
        try {
            return Path.of(Operations.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL statements on {@code jdbcUrl}, one after the other, in autocommit. */
    static void sql(String jdbcUrl, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The first column of every row of {@code query}, as text. */
    static List<String> column(String jdbcUrl, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The single value of {@code query}, as text. */
    static String value(String jdbcUrl, String query) throws SQLException {
        List<String> values = column(jdbcUrl, query);
        if (values.size() != 1) {
            throw new AssertionError("expected one row from " + query + ", got " + values);
        }
        return values.get(0);
    }
}
