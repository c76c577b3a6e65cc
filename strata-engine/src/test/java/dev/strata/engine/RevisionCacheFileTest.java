package dev.strata.engine;

import dev.strata.script.RevisionCache;
import dev.strata.script.ScriptLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where and how the command line keeps a migrations folder's revision cache ({@link RevisionCacheFile#location}). */
class RevisionCacheFileTest {
    private static final Path DIR = Path.of("/srv/app/migrations");

    @TempDir
    Path project;

    private Path migrations() throws IOException {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(dir.resolve("0001_a.sql"), "-- strata:revision a\n-- strata:upgrade\nSELECT 1;\n"
                + "-- strata:downgrade\n");
        return dir;
    }

    @Test
    void writtenWhenARunReadAFileItDidNotHoldThenReadBack() throws IOException {
        Path dir = migrations();
        Path file = project.resolve("cache/strata/revisions/x");
        RevisionCache first = RevisionCacheFile.read(file, "v1");
        ScriptLoader.load(dir, project, true, first);
        assertThat(first.complete()).isFalse();
        RevisionCacheFile.save(first, file);
        assertThat(file).exists();
        RevisionCache second = RevisionCacheFile.read(file, "v1");
        ScriptLoader.load(dir, project, true, second);
        assertThat(second.complete()).isTrue();
        assertThat(RevisionCacheFile.read(file, "v2")).satisfies(c -> {
            ScriptLoader.load(dir, project, true, c);
            assertThat(c.complete()).isFalse();
        });
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left
        }
    }

    @Test
    void aFolderThatCannotBeWrittenOnlyMeansNoCache() throws IOException {
        Path dir = migrations();
        Path blocked = Files.writeString(project.resolve("file"), "not a folder").resolve("revisions");
        RevisionCache cache = RevisionCacheFile.read(blocked, "v1");
        assertThat(ScriptLoader.load(dir, project, true, cache)).hasSize(1);
        RevisionCacheFile.save(cache, blocked); // no error
        assertThat(project.resolve("file")).isRegularFile().hasContent("not a folder");
    }

    @Test
    void underTheUsersCacheFolderNamedAfterTheMigrationsFolder() {
        Path home = RevisionCacheFile.location(DIR, Map.of("HOME", "/home/u")).orElseThrow();
        assertThat(home.getParent()).isEqualTo(Path.of("/home/u/.cache/strata/revisions"));
        assertThat(RevisionCacheFile.location(DIR, Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/var/cache/u")).orElseThrow())
                .isEqualTo(Path.of("/var/cache/u/strata/revisions").resolve(home.getFileName()));
        assertThat(RevisionCacheFile.location(DIR, Map.of("HOME", "/home/u", "STRATA_CACHE_DIR", "/tmp/c")).orElseThrow())
                .isEqualTo(Path.of("/tmp/c/revisions").resolve(home.getFileName()));
        assertThat(RevisionCacheFile.location(Path.of("/srv/other/migrations"), Map.of("HOME", "/home/u")).orElseThrow())
                .isNotEqualTo(home);
    }

    @Test
    void noneWhenTurnedOffOrWithoutAHome() {
        assertThat(RevisionCacheFile.location(DIR, Map.of("HOME", "/home/u", "STRATA_CACHE_DIR", "off"))).isEmpty();
        assertThat(RevisionCacheFile.location(DIR, Map.of())).isEmpty();
        assertThat(RevisionCacheFile.location(DIR, Map.of("HOME", "relative"))).isEmpty();
    }
}
