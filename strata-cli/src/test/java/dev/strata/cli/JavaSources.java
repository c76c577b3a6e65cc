package dev.strata.cli;

import dev.strata.op.Operations;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes and compiles Java revision sources at test time, against Strata's core classes. */
final class JavaSources {
    private JavaSources() {
    }

    /** Writes each class (name to text) under {@code src} and compiles them all into {@code out}. */
    static void compile(Path src, Path out, Map<String, String> sources) {
        List<Path> files = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        compileFiles(out, files);
    }

    static void compileFiles(Path out, List<Path> files) {
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", coreClasses(),
                "-encoding", "UTF-8", "-proc:none"));
        files.forEach(f -> args.add(f.toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new AssertionError("compilation failed:\n" + err.toString(StandardCharsets.UTF_8));
        }
    }

    private static String coreClasses() {
        try {
            return Path.of(Operations.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String revision(String pkg, String simpleName, String annotation, String upgradeBody) {
        return "package " + pkg + ";\n\n"
                + "import dev.strata.java.JavaMigration;\nimport dev.strata.java.StrataRevision;\n"
                + "import dev.strata.op.Operations;\n\n"
                + "@StrataRevision(" + annotation + ")\n"
                + "public final class " + simpleName + " implements JavaMigration {\n"
                + "    @Override\n    public void upgrade(Operations op) {\n" + upgradeBody + "\n    }\n}\n";
    }
}
