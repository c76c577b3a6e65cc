package dev.strata.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the command line keeps a migrations folder's revision cache ({@link Project#cacheFile}). */
class RevisionCacheFileTest {
    private static final Path DIR = Path.of("/srv/app/migrations");

    @Test
    void underTheUsersCacheFolderNamedAfterTheMigrationsFolder() {
        Path home = Project.cacheFile(DIR, Map.of("HOME", "/home/u")).orElseThrow();
        assertThat(home.getParent()).isEqualTo(Path.of("/home/u/.cache/strata/revisions"));
        assertThat(Project.cacheFile(DIR, Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/var/cache/u")).orElseThrow())
                .isEqualTo(Path.of("/var/cache/u/strata/revisions").resolve(home.getFileName()));
        assertThat(Project.cacheFile(DIR, Map.of("HOME", "/home/u", "STRATA_CACHE_DIR", "/tmp/c")).orElseThrow())
                .isEqualTo(Path.of("/tmp/c/revisions").resolve(home.getFileName()));
        assertThat(Project.cacheFile(Path.of("/srv/other/migrations"), Map.of("HOME", "/home/u")).orElseThrow())
                .isNotEqualTo(home);
    }

    @Test
    void noneWhenTurnedOffOrWithoutAHome() {
        assertThat(Project.cacheFile(DIR, Map.of("HOME", "/home/u", "STRATA_CACHE_DIR", "off"))).isEmpty();
        assertThat(Project.cacheFile(DIR, Map.of())).isEmpty();
        assertThat(Project.cacheFile(DIR, Map.of("HOME", "relative"))).isEmpty();
    }
}
