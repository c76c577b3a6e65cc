package dev.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/strata reached through symlinks (issue 9, item 19) finds the checkout it belongs to, not the link's folder. */
class LauncherScriptTest {
    @TempDir
    Path dir;

    @Test
    void runsThroughARelativeSymlinkToASymlink() throws Exception {
        Path script = Path.of("..", "bin", "strata").toAbsolutePath().normalize();
        Files.createDirectories(dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("a").resolve("strata"), script);
        Files.createSymbolicLink(dir.resolve("strata"), Path.of("a", "strata"));
        Process p = new ProcessBuilder("bash", dir.resolve("strata").toString(), "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        // built or not, the jar it looks for is the checkout's
        if (code == 0) {
            assertThat(out).doesNotContain("missing");
        } else {
            assertThat(out).contains(script.getParent().getParent().resolve("strata-cli/target/strata.jar").toString())
                    .doesNotContain(dir.toString());
        }
    }

    /**
     * The first run after a build is followed by the class archive's training run: its standard output is exactly the
     * command's (nothing of the JVM's or the training's), it leaves an archive next to the jar, and the next run,
     * which maps it, prints the same.
     */
    @Test
    void theTrainingRunPrintsOnlyTheCommandsOutput() throws Exception {
        Path script = Path.of("..", "bin", "strata").toAbsolutePath().normalize();
        Path target = script.getParent().getParent().resolve("strata-cli/target");
        if (!Files.exists(target.resolve("strata.jar"))) {
            Run missing = run(script, "--version");
            assertThat(missing.code).isEqualTo(2);
            assertThat(missing.err).contains("strata.jar is missing");
            return;
        }
        try (var old = Files.newDirectoryStream(target, "strata-*.{jsa,aot}")) {
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        }
        Run training = run(script, "--version");
        Run mapped = run(script, "--version");
        assertThat(training.code).isZero();
        assertThat(training.out).matches("strata \\S+\\R");
        assertThat(training.err).isEmpty();
        try (var made = Files.newDirectoryStream(target, "strata-*.{jsa,aot}")) {
            assertThat(made.iterator().hasNext()).as("an archive next to the jar").isTrue();
        }
        assertThat(mapped.code).isZero();
        assertThat(mapped.out).isEqualTo(training.out);
        assertThat(mapped.err).isEmpty();
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Path script, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", script.toString()));
        command.addAll(java.util.List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }
}
