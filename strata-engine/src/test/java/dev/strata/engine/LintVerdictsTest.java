package dev.strata.engine;

import dev.strata.engine.config.ConfigLoader;
import dev.strata.engine.lint.LintGate;
import dev.strata.engine.lint.LintVerdict;
import dev.strata.run.RunEvent;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Clean upgrade lints kept between runs ({@link LintVerdicts}), and the gate in front of an upgrade using them. */
class LintVerdictsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @AfterEach
    void noStampForClassFolders() {
        RevisionCacheFile.classFoldersStamp = null;
    }

    private static final Map<String, String> KEYS = Map.of("migrations/a.sql", "aa", "migrations/b.sql", "bb");

    @Test
    void aCleanVerdictStandsForTheSameBuildOptionsFilesAndJudgedRevisionsOnly() throws Exception {
        Path file = dir.resolve("cache/revisions/x.lint");
        LintVerdicts v = LintVerdicts.of(file, "build 1", KEYS);
        assertThat(v.clean("opts", List.of("a", "b"))).isFalse();
        v.rememberClean("opts", List.of("b", "a"));
        assertThat(v.clean("opts", List.of("a", "b"))).isTrue();
        assertThat(LintVerdicts.of(file, "build 1", KEYS).clean("opts", List.of("b", "a"))).as("order").isTrue();
        assertThat(v.clean("opts", List.of("b"))).as("other revisions judged").isFalse();
        assertThat(v.clean("other opts", List.of("a", "b"))).as("other options").isFalse();
        assertThat(LintVerdicts.of(file, "build 2", KEYS).clean("opts", List.of("a", "b"))).as("other build").isFalse();
        assertThat(LintVerdicts.of(file, "build 1", Map.of("migrations/a.sql", "aa", "migrations/b.sql", "bc"))
                .clean("opts", List.of("a", "b"))).as("a file's bytes changed").isFalse();
        assertThat(LintVerdicts.of(file, "build 1", Map.of("migrations/a.sql", "aa"))
                .clean("opts", List.of("a"))).as("a file removed").isFalse();

        // another header replaces the file; the verdicts of one header are kept up to KEPT, the newest last
        LintVerdicts other = LintVerdicts.of(file, "build 2", KEYS);
        other.rememberClean("opts", List.of("a"));
        assertThat(v.clean("opts", List.of("a", "b"))).isFalse();
        for (int i = 0; i < LintVerdicts.KEPT + 2; i++) {
            other.rememberClean("opts", List.of("r" + i));
        }
        assertThat(other.clean("opts", List.of("r0"))).isFalse();
        assertThat(other.clean("opts", List.of("r2"))).isTrue();
        assertThat(other.clean("opts", List.of("r" + (LintVerdicts.KEPT + 1)))).isTrue();
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left
        }

        Files.writeString(file, "garbage");
        assertThat(other.clean("opts", List.of("r2"))).isFalse();
    }

    private Workspace workspace() {
        return new Workspace(new ConfigLoader.Inputs(Optional.empty(), Optional.empty(), Optional.of(db.jdbcUrl()),
                Optional.of(dir.resolve("migrations")), Optional.empty(),
                Map.of("STRATA_CACHE_DIR", dir.resolve("cache").toString()), dir), e -> { });
    }

    private void revision(String id, String parent, String upgrade) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/" + id + ".sql"), "-- strata:revision " + id + "\n"
                + (parent == null ? "" : "-- strata:parents " + parent + "\n") + "\n-- strata:upgrade\n" + upgrade
                + "\n\n-- strata:downgrade\nSELECT 1;\n");
    }

    private LintVerdict gate() {
        try (Workspace w = workspace()) {
            w.project().splittingOnUse();
            return LintGate.check(w, "head", List.of());
        }
    }

    private static long lintFiles(Path cache) throws Exception {
        try (var files = Files.list(cache.resolve("revisions"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".lint")).count();
        }
    }

    @Test
    void theGateKeepsACleanLintAndLintsAgainWhenAFileChanges() throws Exception {
        RevisionCacheFile.classFoldersStamp = "test classes";
        revision("a1", null, "CREATE TABLE t1 (id bigint);");
        revision("a2", "a1", "CREATE TABLE t2 (id bigint);");
        LintVerdict first = gate();
        assertThat(first.refused()).isFalse();
        assertThat(first.report().findings()).isEmpty();
        assertThat(lintFiles(dir.resolve("cache"))).isEqualTo(1);
        Path kept;
        try (var files = Files.list(dir.resolve("cache/revisions"))) {
            kept = files.filter(p -> p.getFileName().toString().endsWith(".lint")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(kept)).contains("\nclean a1,a2\n");

        LintVerdict again = gate();
        assertThat(again.refused()).isFalse();
        assertThat(again.report().revisions()).isEqualTo(2);

        // the same revision now builds an index on an existing table without CONCURRENTLY: its bytes changed, so the kept verdict does not stand for it
        String before = Files.readString(kept);
        revision("a2", "a1", "CREATE TABLE t2 (id bigint);\nCREATE INDEX accounts_id ON accounts (id);");
        LintVerdict changed = gate();
        assertThat(changed.refused()).as(changed.report().findings().toString()).isTrue();
        assertThat(changed.failingRules()).isNotEmpty();
        assertThat(Files.readString(kept)).isEqualTo(before); // a verdict with findings is never kept
    }

    @Test
    void notKeptForABuildOfClassFolders() throws Exception {
        revision("a1", null, "CREATE TABLE t1 (id bigint);");
        assertThat(gate().refused()).isFalse();
        assertThat(lintFiles(dir.resolve("cache"))).isZero();
    }
}
