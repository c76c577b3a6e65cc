package dev.strata.engine;

import dev.strata.error.StrataException;
import dev.strata.script.MigrationScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Revisions read from classpath locations: a folder, a plain jar on a real URLClassLoader, and the two Spring
 * Boot executable-jar layouts (read without Spring: the nested URL forms are parsed by Strata itself when no
 * handler for them is installed).
 */
class ClasspathScriptsTest {
    @TempDir
    Path dir;

    @Test
    void plainJarOnAUrlClassLoader() throws Exception {
        Map<String, String> files = new LinkedHashMap<>(Jars.twoRevisions());
        files.put(".hidden/x.sql", "not a revision");
        files.put("README.txt", "ignored");
        Path jar = Jars.write(dir.resolve("app.jar"), Jars.under("db/strata/", files));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<MigrationScript> scripts = ClasspathScripts.load(loader, "classpath:db/strata");
            assertThat(scripts).extracting(s -> s.revision().id().value()).containsExactly("r001", "r002");
            assertThat(scripts.get(0).location()).isEqualTo("classpath:db/strata/001_users.sql");
            // the same with a trailing slash and a leading one
            assertThat(ClasspathScripts.load(loader, "classpath:/db/strata/")).hasSize(2);
        }
    }

    @Test
    void folderOnTheClassPath() throws Exception {
        Path root = dir.resolve("classes");
        Files.createDirectories(root.resolve("db/strata/sub"));
        Jars.twoRevisions().forEach((n, t) -> write(root.resolve("db/strata/sub").resolve(n), t));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertThat(ClasspathScripts.load(loader, "classpath:db/strata")).extracting(MigrationScript::location)
                    .containsExactly("classpath:db/strata/sub/001_users.sql", "classpath:db/strata/sub/002_email.sql");
        }
    }

    @Test
    void missingLocationIsOneClearError() throws Exception {
        Path jar = Jars.write(dir.resolve("app.jar"), Jars.under("db/other/", Jars.twoRevisions()));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> ClasspathScripts.load(loader, "classpath:db/strata"))
                    .isInstanceOf(StrataException.class).hasMessageContaining("'classpath:db/strata' is not on the class path");
        }
    }

    @Test
    void springBootLayouts() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(Jars.under("BOOT-INF/classes/db/strata/", Jars.twoRevisions()));
        entries.put("BOOT-INF/lib/revisions.jar", Jars.bytes(Jars.under("db/lib/", Jars.twoRevisions())));
        Path app = Jars.write(dir.resolve("app.jar"), entries);
        String file = app.toUri().toString();             // file:/.../app.jar
        String path = app.toAbsolutePath().toString();

        // Boot before 3.2: jar:file:app.jar!/BOOT-INF/classes!/db/strata
        assertThat(read("jar:" + file + "!/BOOT-INF/classes!/db/strata")).containsOnlyKeys("001_users.sql", "002_email.sql");
        // Boot 3.2+: jar:nested:/app.jar/!BOOT-INF/classes/!/db/strata
        assertThat(read("jar:nested:" + path + "/!BOOT-INF/classes/!/db/strata/")).containsOnlyKeys("001_users.sql",
                "002_email.sql");
        // a jar nested in BOOT-INF/lib, both forms
        assertThat(read("jar:nested:" + path + "/!BOOT-INF/lib/revisions.jar!/db/lib")).hasSize(2);
        assertThat(read("jar:" + file + "!/BOOT-INF/lib/revisions.jar!/db/lib")).hasSize(2);
    }

    private static Map<String, String> read(String url) throws Exception {
        Map<String, String> out = new TreeMap<>();
        // The JDK cannot even build a jar:nested: URL without Spring Boot's handler; a class loader only hands one
        // out when that handler is installed. Stand in for it with a handler that keeps the URL's text as is and
        // offers no JarURLConnection, so Strata's own reading of the layout is what is tested.
        URL u = url.startsWith("jar:nested:") ? new URL(null, url, new Unhandled()) : new URL(url);
        ClasspathScripts.read(u, out);
        return out;
    }

    /** A URL handler that parses nothing and connects to nothing. */
    private static final class Unhandled extends java.net.URLStreamHandler {
        @Override
        protected void parseURL(URL u, String spec, int start, int limit) {
            setURL(u, "jar", null, -1, null, null, spec.substring(start, limit), null, null);
        }

        @Override
        protected java.net.URLConnection openConnection(URL u) {
            return new java.net.URLConnection(u) {
                @Override
                public void connect() {
                }
            };
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
