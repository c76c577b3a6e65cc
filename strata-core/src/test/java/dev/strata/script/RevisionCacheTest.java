package dev.strata.script;

import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionCacheTest {
    @TempDir
    Path project;

    private static final String FIRST = "-- strata:revision r1\n-- strata:message first one\n"
            + "-- strata:branch-labels main\n\n-- strata:upgrade\nCREATE TABLE t (id int);\n\n"
            + "-- strata:downgrade\nDROP TABLE t;\n\n-- strata:verify\nSELECT 1 FROM t;\n";
    private static final String SECOND = "-- strata:revision r2\n-- strata:parents r1\n-- strata:transactional false\n"
            + "-- strata:irreversible data goes\n\n-- strata:upgrade\nCREATE Extension IF NOT EXISTS pg_trgm;\n"
            + "CREATE INDEX CONCURRENTLY i ON t (id);\n"
            + "-- strata:downgrade\n-- nothing to undo\n";

    private Path migrations() throws IOException {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(dir.resolve("0001_first.sql"), FIRST, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("0002_second.sql"), SECOND, StandardCharsets.UTF_8);
        return dir;
    }

    /** The cache kept in {@code cacheFile} (read, used for one load, written back when incomplete). */
    private List<MigrationScript> load(Path dir, Path cacheFile, String stamp) throws IOException {
        RevisionCache cache = open(cacheFile, stamp);
        List<MigrationScript> scripts = ScriptLoader.load(dir, project, true, cache);
        if (!cache.complete()) {
            try (OutputStream out = Files.newOutputStream(cacheFile)) {
                cache.write(out);
            }
        }
        return scripts;
    }

    private static RevisionCache open(Path cacheFile, String stamp) throws IOException {
        if (!Files.exists(cacheFile)) {
            return RevisionCache.empty(stamp);
        }
        try (InputStream in = Files.newInputStream(cacheFile)) {
            return RevisionCache.read(in, stamp);
        }
    }

    @Test
    void aCachedFileIsTheSameRevisionWithTheSameChecksumAndStatements() throws IOException {
        Path dir = migrations();
        Path cacheFile = project.resolve("revisions.cache");
        List<MigrationScript> fresh = ScriptLoader.load(dir, project, false);
        List<MigrationScript> first = load(dir, cacheFile, "v1");
        assertThat(cacheFile).exists();
        RevisionCache reopened = open(cacheFile, "v1");
        List<MigrationScript> cached = ScriptLoader.load(dir, project, true, reopened);
        assertThat(reopened.complete()).isTrue();
        for (int i = 0; i < fresh.size(); i++) {
            SqlMigration f = (SqlMigration) fresh.get(i);
            SqlMigration c = (SqlMigration) cached.get(i);
            assertThat(c.checksum()).isEqualTo(f.checksum()).isEqualTo(first.get(i).checksum());
            assertThat(c.revision()).isEqualTo(f.revision());
            assertThat(c.transactional()).isEqualTo(f.transactional());
            assertThat(c.irreversibleReason()).isEqualTo(f.irreversibleReason());
            assertThat(c.mayDeferBuilds()).isEqualTo(f.mayDeferBuilds());
            assertThat(c.mayCreateExtension()).isEqualTo(f.mayCreateExtension()).isEqualTo(i == 1);
            assertThat(c.upgrade()).isEqualTo(f.upgrade());
            assertThat(c.downgradeStatements()).isEqualTo(f.downgradeStatements());
            assertThat(c.verify()).isEqualTo(f.verify());
            assertThat(c).isEqualTo(f);
        }
    }

    @Test
    void anEditedFileMissesAndIsParsedAgain() throws IOException {
        Path dir = migrations();
        Path cacheFile = project.resolve("revisions.cache");
        load(dir, cacheFile, "v1");
        Files.writeString(dir.resolve("0001_first.sql"), FIRST.replace("id int", "id bigint"), StandardCharsets.UTF_8);
        RevisionCache cache = open(cacheFile, "v1");
        List<MigrationScript> scripts = ScriptLoader.load(dir, project, true, cache);
        assertThat(cache.complete()).isFalse();
        assertThat(scripts.get(0).checksum()).isEqualTo(ScriptLoader.load(dir, project, false).get(0).checksum());
        try (OutputStream out = Files.newOutputStream(cacheFile)) {
            cache.write(out);
        }
        RevisionCache rewritten = open(cacheFile, "v1");
        ScriptLoader.load(dir, project, true, rewritten);
        assertThat(rewritten.complete()).isTrue(); // rewritten with exactly the files read
    }

    @Test
    void anotherStampOrAMalformedFileIsIgnored() throws IOException {
        Path dir = migrations();
        Path cacheFile = project.resolve("revisions.cache");
        load(dir, cacheFile, "v1");
        RevisionCache other = open(cacheFile, "v2");
        ScriptLoader.load(dir, project, true, other);
        assertThat(other.complete()).isFalse();
        Files.write(cacheFile, new byte[] {0, 3, 'x', 'y'});
        RevisionCache broken = open(cacheFile, "v1");
        assertThat(ScriptLoader.load(dir, project, true, broken)).hasSize(2);
        assertThat(broken.complete()).isFalse();
    }

    @Test
    void aCachedFileWithABadStatementFailsWhenSplitAsAParsedOneDoes() throws IOException {
        Path dir = migrations();
        Files.writeString(dir.resolve("0003_bad.sql"), "-- strata:revision r3\n-- strata:parents r2\n"
                + "-- strata:upgrade\nSELECT 'unterminated;\n-- strata:downgrade\n", StandardCharsets.UTF_8);
        Path cacheFile = project.resolve("revisions.cache");
        load(dir, cacheFile, "v1");
        List<MigrationScript> cached = load(dir, cacheFile, "v1");
        assertThatThrownBy(() -> ((SqlMigration) cached.get(2)).split())
                .isInstanceOf(StrataException.class).hasMessageContaining("0003_bad.sql");
    }

    @Test
    void aFileThatSplitCleanlyBeforeIsSplitWhenItRunsNotBeforeTheRunWhileABadOneStillFailsUpFront()
            throws IOException {
        long settled = ScriptLoader.settledMs;
        ScriptLoader.settledMs = 0; // the files were written just now; as if they had settled
        try {
            Path dir = migrations();
            Files.writeString(dir.resolve("0003_bad.sql"), "-- strata:revision r3\n-- strata:parents r2\n"
                    + "-- strata:irreversible no way back\n-- strata:upgrade\nSELECT 'unterminated;\n",
                    StandardCharsets.UTF_8);
            Path cacheFile = project.resolve("revisions.cache");
            List<MigrationScript> first = load(dir, cacheFile, "v1");
            // the first read split the files it parsed (to keep whether they split) and found the bad one out
            assertThat(first).extracting(m -> ((SqlMigration) m).splitsCleanly()).containsExactly(true, true, false);
            List<MigrationScript> found = ScriptLoader.load(dir, project, true, open(cacheFile, "v1"));
            assertThat(found).extracting(m -> ((SqlMigration) m).splitsCleanly()).containsExactly(true, true, false);
            dev.strata.run.MigrationSet set = dev.strata.run.MigrationSet.of(found);
            // the bad file still stops the run before anything runs, naming it
            assertThatThrownBy(() -> set.splitAllBut(java.util.Set.of()))
                    .isInstanceOf(StrataException.class).hasMessageContaining("0003_bad.sql");
            // and a downgrade's check that it can be reverted (applied revisions are not split before) reads it
            assertThatThrownBy(() -> found.get(2).reversible())
                    .isInstanceOf(StrataException.class).hasMessageContaining("0003_bad.sql");
            Files.delete(dir.resolve("0003_bad.sql"));
            List<MigrationScript> good = ScriptLoader.load(dir, project, true, open(cacheFile, "v1"));
            // the clean ones are not even read before the run: changed now, the check before the run passes, and the
            // change is refused when the revision's statements are needed
            Files.writeString(dir.resolve("0001_first.sql"), FIRST.replace("id int", "id bigint"),
                    StandardCharsets.UTF_8);
            dev.strata.run.MigrationSet.of(good).splitAllBut(java.util.Set.of());
            assertThat(good.get(0).upgradeIsEmpty()).isFalse(); // known from the cache, without reading the file
            assertThat(good.get(0).reversible()).isTrue(); // so is whether a downgrade can revert it
            assertThatThrownBy(() -> ((SqlMigration) good.get(0)).upgrade())
                    .isInstanceOf(StrataException.class).hasMessageContaining("0001_first.sql changed while");
            // the linter's read of them all splits every one
            List<MigrationScript> all = ScriptLoader.load(dir, project, true, open(cacheFile, "v1"));
            dev.strata.run.MigrationSet.of(all).splitAll();
            assertThat(((SqlMigration) all.get(0)).upgrade().get(0).sql()).contains("id bigint");
        } finally {
            ScriptLoader.settledMs = settled;
        }
    }

    @Test
    void aSettledFileIsFoundByItsStatusAndReadOnlyWhenSplitCheckedAgainstItsHash() throws IOException {
        long settled = ScriptLoader.settledMs;
        ScriptLoader.settledMs = 0; // the files were written just now; as if they had settled
        try {
            Path dir = migrations();
            Path cacheFile = project.resolve("revisions.cache");
            List<MigrationScript> fresh = ScriptLoader.load(dir, project, false);
            load(dir, cacheFile, "v1");
            RevisionCache byStatus = open(cacheFile, "v1");
            List<MigrationScript> found = ScriptLoader.load(dir, project, true, byStatus);
            assertThat(byStatus.complete()).isTrue();
            assertThat(found).extracting(MigrationScript::mayCreateExtension).containsExactly(false, true);
            // each file's key is the SHA-256 of its bytes, known without reading them again
            assertThat(byStatus.keyOf(found.get(0).location()))
                    .isEqualTo(RevisionCache.key(Files.readAllBytes(dir.resolve("0001_first.sql"))));
            for (int i = 0; i < fresh.size(); i++) {
                assertThat(found.get(i).checksum()).isEqualTo(fresh.get(i).checksum());
                assertThat(((SqlMigration) found.get(i)).upgrade())
                        .isEqualTo(((SqlMigration) fresh.get(i)).upgrade());
            }
            // changed after it was found by its status and before its statements were needed: refused, not run
            List<MigrationScript> stale = ScriptLoader.load(dir, project, true, open(cacheFile, "v1"));
            Files.writeString(dir.resolve("0001_first.sql"), FIRST.replace("id int", "id bigint"),
                    StandardCharsets.UTF_8);
            assertThatThrownBy(() -> ((SqlMigration) stale.get(0)).split())
                    .isInstanceOf(StrataException.class).hasMessageContaining("0001_first.sql changed while");
            // the next run sees its new status, reads it and gives the edited file's checksum
            RevisionCache again = open(cacheFile, "v1");
            List<MigrationScript> reread = ScriptLoader.load(dir, project, true, again);
            assertThat(again.complete()).isFalse();
            assertThat(reread.get(0).checksum()).isEqualTo(ScriptLoader.load(dir, project, false).get(0).checksum())
                    .isNotEqualTo(fresh.get(0).checksum());
        } finally {
            ScriptLoader.settledMs = settled;
        }
    }
}
