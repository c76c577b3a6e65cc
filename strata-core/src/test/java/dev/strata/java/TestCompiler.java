package dev.strata.java;

import dev.strata.op.Operations;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles Java revision sources at test time into a folder, against Strata's own classes. */
final class TestCompiler {
    private TestCompiler() {
    }

    /** Compiles {@code sources} (class name to source text) into {@code out}. */
    static void compile(Path out, Map<String, String> sources) {
        try {
            Path src = Files.createTempDirectory("strata-src");
            List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", strataClasses(),
                    "-encoding", "UTF-8", "-proc:none"));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = javac.run(null, null, err, args.toArray(String[]::new));
            if (rc != 0) {
                throw new AssertionError("compilation failed:\n" + err.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the op vocabulary and the Java revision API were loaded from. */
    static String strataClasses() {
        try {
            String a = Path.of(Operations.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String b = Path.of(JavaMigration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            return a.equals(b) ? a : a + File.pathSeparator + b;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static URLClassLoader loader(Path... roots) {
        URL[] urls = new URL[roots.length];
        try {
            for (int i = 0; i < roots.length; i++) {
                urls[i] = roots[i].toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return new URLClassLoader(urls, TestCompiler.class.getClassLoader());
    }

    /** A revision class in package {@code pkg} with the given annotation arguments and class body. */
    static String revision(String pkg, String simpleName, String annotation, String body) {
        return "package " + pkg + ";\n"
                + "import dev.strata.java.*;\nimport dev.strata.op.*;\n"
                + "@StrataRevision(" + annotation + ")\n"
                + "public class " + simpleName + " implements JavaMigration {\n" + body + "\n}\n";
    }
}
