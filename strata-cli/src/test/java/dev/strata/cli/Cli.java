package dev.strata.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process inside a project folder, with a controlled environment, capturing its output. */
final class Cli {
    final Path project;
    final Map<String, String> env = new HashMap<>();
    private final String url;

    /** A project in {@code project} whose database is {@code url} (passed as --url unless null). */
    Cli(Path project, String url) {
        this.project = project;
        this.url = url;
        try {
            Files.createDirectories(project.resolve("migrations"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>();
        if (url != null) {
            all.add("--url");
            all.add(url);
        }
        all.addAll(Arrays.asList(args));
        return runRaw(all.toArray(String[]::new));
    }

    Result runRaw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, env, project);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes a revision file into migrations/. */
    Path revision(String fileName, String text) {
        Path f = project.resolve("migrations").resolve(fileName);
        try {
            Files.writeString(f, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** A simple transactional revision with the given parent (null = root). */
    Path simple(String id, String parent, String up, String down) {
        String text = "-- strata:revision " + id + "\n"
                + (parent == null ? "" : "-- strata:parents " + parent + "\n")
                + "-- strata:message " + id + " message\n\n"
                + "-- strata:upgrade\n" + up + "\n\n"
                + "-- strata:downgrade\n" + down + "\n";
        return revision(id + ".sql", text);
    }
}
