package dev.strata.script;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptLoaderTest {
    @TempDir
    Path project;

    private static String revision(String id) {
        return "-- strata:revision " + id + "\n-- strata:upgrade\nSELECT 1;\n-- strata:downgrade\n";
    }

    private Path write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsSqlFilesRecursivelyInPathOrderWithRelativeLocations() throws IOException {
        write("migrations/b/002_x.sql", revision("r3"));
        write("migrations/a_first.sql", revision("r1"));
        write("migrations/b/001_y.sql", revision("r2"));
        write("migrations/notes.txt", "not SQL");
        write("migrations/.hidden.sql", "garbage");
        write("migrations/.drafts/draft.sql", "garbage");
        write("migrations/README.md", "# readme");

        List<MigrationScript> scripts = ScriptLoader.load(project.resolve("migrations"), project);

        assertThat(scripts).extracting(MigrationScript::location)
                .containsExactly("migrations/a_first.sql", "migrations/b/001_y.sql", "migrations/b/002_x.sql");
        assertThat(scripts).extracting(s -> s.revision().id().value()).containsExactly("r1", "r2", "r3");
        assertThat(scripts.get(0).revision().source()).isEqualTo("migrations/a_first.sql");
    }

    @Test
    void aLazyLoadListsTheSameFilesWhenAFolderOrADanglingLinkIsNamedLikeARevision() throws IOException {
        // a lazy load (statuses read for the revision cache) lists the same files as a strict one: folders named *.sql
        // are followed, dangling links skipped
        write("migrations/001_a.sql", revision("r1"));
        write("migrations/002.sql/001_b.sql", revision("r2"));
        write("migrations/003_c.sql", revision("r3"));
        Files.createSymbolicLink(project.resolve("migrations/004_gone.sql"), project.resolve("nowhere.sql"));
        Path dir = project.resolve("migrations");
        long settled = ScriptLoader.settledMs;
        ScriptLoader.settledMs = 0; // the files were written just now; as if they had settled
        try {
            List<String> strict = ScriptLoader.load(dir, project).stream().map(MigrationScript::location).toList();
            assertThat(strict).containsExactly("migrations/001_a.sql", "migrations/002.sql/001_b.sql",
                    "migrations/003_c.sql");
            assertThat(ScriptLoader.load(dir, project, true, RevisionCache.empty("v1")))
                    .extracting(MigrationScript::location).isEqualTo(strict);
            Files.delete(project.resolve("migrations/004_gone.sql"));
            assertThat(ScriptLoader.load(dir, project, true, RevisionCache.empty("v1")))
                    .extracting(MigrationScript::location).isEqualTo(strict);
        } finally {
            ScriptLoader.settledMs = settled;
        }
    }

    @Test
    void emptyFolderGivesNoScripts() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        assertThat(ScriptLoader.load(project.resolve("migrations"), project)).isEmpty();
    }

    @Test
    void parseErrorsNameTheRelativeFile() throws IOException {
        write("migrations/bad.sql", "-- strata:revision a\n-- strata:upgrade\nSELECT 1;\n");
        assertThatThrownBy(() -> ScriptLoader.load(project.resolve("migrations"), project))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_NO_DOWNGRADE))
                .hasMessageStartingWith("migrations/bad.sql:3: ");
    }

    @Test
    void nonUtf8FileNamesLineAndByteOffset() throws IOException {
        Path file = project.resolve("migrations/latin1.sql");
        Files.createDirectories(file.getParent());
        byte[] head = "-- strata:revision a\n-- strata:upgrade\nINSERT INTO t VALUES ('caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "');\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9; // 'é' in ISO-8859-1
        System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
        Files.write(file, bytes);

        assertThatThrownBy(() -> ScriptLoader.load(project.resolve("migrations"), project))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_NOT_UTF8))
                .hasMessageContaining("migrations/latin1.sql:3")
                .hasMessageContaining("byte offset " + head.length)
                .hasMessageContaining("save the file as UTF-8");
    }

    @Test
    void decodesValidUtf8IncludingBom() {
        byte[] bytes = "\uFEFFcafé 名前".getBytes(StandardCharsets.UTF_8);
        assertThat(ScriptLoader.decodeUtf8(bytes, "f.sql")).isEqualTo("\uFEFFcafé 名前");
    }

    @Test
    void missingDirectorySaysWhatToDo() {
        assertThatThrownBy(() -> ScriptLoader.load(project.resolve("migrations"), project))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE))
                .hasMessageContaining("'migrations' does not exist")
                .hasMessageContaining("strata init")
                .hasMessageContaining("set the migrations folder")
                .matches(e -> ((StrataException) e).input().orElseThrow() == StrataException.Input.MIGRATIONS_DIR);
    }

    @Test
    void fileInsteadOfDirectory() throws IOException {
        write("migrations", "oops");
        assertThatThrownBy(() -> ScriptLoader.load(project.resolve("migrations"), project))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE))
                .hasMessageContaining("'migrations' is not a directory");
    }

    @Test
    void unreadableDirectory() throws Exception {
        Path sub = Files.createDirectories(project.resolve("migrations/locked"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("---------"));
        try {
            if (Files.isReadable(sub)) {
                // root reads any directory whatever its permissions: observe it as an unprivileged user instead
                assertThat(loadAsNobody(project)).contains("SCRIPT_DIRECTORY_UNREADABLE")
                        .contains("'migrations/locked' (permission denied)");
                return;
            }
            assertThatThrownBy(() -> ScriptLoader.load(project.resolve("migrations"), project))
                    .isInstanceOfSatisfying(StrataException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE))
                    .hasMessageContaining("'migrations/locked' (permission denied)");
        } finally {
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Runs {@link LoaderProbe} as user nobody (setpriv) and returns what it printed. */
    private static String loadAsNobody(Path project) throws Exception {
        for (Path p = project; p != null; p = p.getParent()) {
            if (p.getParent() != null && p.startsWith(System.getProperty("java.io.tmpdir"))) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.setPosixFilePermissions(project.resolve("migrations"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", javaBin,
                "-cp", System.getProperty("java.class.path"), LoaderProbe.class.getName(), project.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
