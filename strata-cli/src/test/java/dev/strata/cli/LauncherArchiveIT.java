package dev.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/strata's class archive, on the jar the package phase built (failsafe runs this after it; surefire runs before
 * the jar exists, so these tests would have nothing to run).
 */
class LauncherArchiveIT {
    @TempDir
    Path dir;

    /**
     * The first run after a build is followed by the class archive's training run: its standard output is exactly the
     * command's (nothing of the JVM's or the training's), it leaves an archive next to the jar, and the next run,
     * which maps it, prints the same.
     */
    @Test
    void theTrainingRunPrintsOnlyTheCommandsOutput() throws Exception {
        Path script = Path.of("..", "bin", "strata").toAbsolutePath().normalize();
        Path target = script.getParent().getParent().resolve("strata-cli/target");
        assertThat(target.resolve("strata.jar")).as("the jar the package phase built").exists();
        try (var old = Files.newDirectoryStream(target, "strata-*.{jsa,aot}")) {
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        }
        LauncherRun training = LauncherRun.script(dir, script, "--version");
        LauncherRun mapped = LauncherRun.script(dir, script, "--version");
        assertThat(training.code()).isZero();
        assertThat(training.out()).matches("strata \\S+\\R");
        assertThat(training.err()).isEmpty();
        try (var made = Files.newDirectoryStream(target, "strata-*.{jsa,aot}")) {
            assertThat(made.iterator().hasNext()).as("an archive next to the jar").isTrue();
        }
        assertThat(mapped.code()).isZero();
        assertThat(mapped.out()).isEqualTo(training.out());
        assertThat(mapped.err()).isEmpty();
        // the JVM takes the archive: told to use it or fail, it runs (a refused one is skipped silently by the launcher)
        try (var made = Files.newDirectoryStream(target, "strata-*.{jsa,aot}")) {
            Path archive = made.iterator().next();
            LauncherRun strict = java(archive, target.resolve("strata.jar"));
            assertThat(strict.code()).as(strict.out() + strict.err()).isZero();
            assertThat(strict.out()).isEqualTo(training.out());
        }
    }

    /**
     * A jar replaced while its archive was being made (a build beside the run) must not be left with an archive of the
     * jar before it: the JVM would refuse that archive at every start, silently, while it looks newer than the jar.
     * Here the copied jar's time is set after the training's start, as such a build leaves it.
     */
    @Test
    void anArchiveOfAJarReplacedDuringItsTrainingIsNotKept() throws Exception {
        Path checkout = Path.of("..").toAbsolutePath().normalize();
        Path jar = checkout.resolve("strata-cli/target/strata.jar");
        assertThat(jar).as("the jar the package phase built").exists();
        Path root = dir.resolve("checkout");
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("strata-cli/target"));
        Path script = root.resolve("bin/strata");
        Files.copy(checkout.resolve("bin/strata"), script);
        Path copy = root.resolve("strata-cli/target/strata.jar");
        Files.copy(jar, copy);
        Files.setLastModifiedTime(copy, FileTime.from(
                Instant.now().plus(Duration.ofHours(1))));
        LauncherRun run = LauncherRun.script(dir, script, "--version");
        assertThat(run.code()).isZero();
        assertThat(run.out()).matches("strata \\S+\\R");
        try (var left = Files.newDirectoryStream(root.resolve("strata-cli/target"), "strata-*")) {
            List<String> names = new ArrayList<>();
            left.forEach(p -> names.add(p.getFileName().toString()));
            assertThat(names).as("no archive and no temporary file left").isEmpty();
        }
    }

    /** {@code --version} on the JVM told to map the archive or fail, with the launcher's placement of it. */
    private LauncherRun java(Path archive, Path jar) throws Exception {
        String javaCommand = "java"; // the launcher's: the archive is made for the JDK on the PATH
        List<String> command = archive.toString().endsWith(".aot")
                ? List.of(javaCommand, "-XX:AOTMode=on", "-XX:AOTCache=" + archive, "-jar", jar.toString(), "--version")
                : List.of(javaCommand, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
                        "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-jar", jar.toString(), "--version");
        return LauncherRun.of(dir, command);
    }
}
