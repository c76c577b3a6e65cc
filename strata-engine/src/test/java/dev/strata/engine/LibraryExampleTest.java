package dev.strata.engine;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Using Strata as a library" example, compiled from the README's own text and run against
 * PostgreSQL with its revisions in {@code db/strata/} of a jar built here and put on a class loader.
 */
class LibraryExampleTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    /** The Java block after the {@code library-example} marker of the README. */
    static String example() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int marker = text.indexOf("<!-- library-example");
        assertThat(marker).as("the README has the library example").isPositive();
        int start = text.indexOf("```java\n", marker) + "```java\n".length();
        int end = text.indexOf("```", start);
        return text.substring(start, end);
    }

    @Test
    void readmeExampleMigratesFromAJarOnTheClassPath() throws Exception {
        Path src = dir.resolve("src/MigrateOnStartup.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, example());
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), src.toString());
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path app = Jars.write(dir.resolve("app.jar"), Jars.under("db/strata/", Jars.twoRevisions()));
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), app.toUri().toURL()},
                getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("MigrateOnStartup").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {db.jdbcUrl()});
        } finally {
            System.setOut(out);
            Thread.currentThread().setContextClassLoader(before);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("applied r001").contains("applied r002")
                .contains("2 revision(s) applied; the database is at [r002]");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT revision, tool_version FROM strata_history ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("r001");
            // the engine's own version, not a CLI's
            assertThat(rs.getString(2)).isEqualTo(Strata.version()).isNotEqualTo("dev");
        }
    }
}
