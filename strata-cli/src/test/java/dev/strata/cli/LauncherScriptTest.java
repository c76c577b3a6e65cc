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
}
