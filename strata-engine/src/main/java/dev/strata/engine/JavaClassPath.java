package dev.strata.engine;

import dev.strata.engine.config.Settings;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The class loader for a project's Java revisions: {@code java_classpath} over the CLI's own loader, so
 * that the revisions see Strata's API ({@code dev.strata.java}, {@code dev.strata.op}) as the CLI does.
 */
public final class JavaClassPath {
    private JavaClassPath() {
    }

    /** @throws StrataException CONFIG_INVALID when an entry does not exist */
    public static URLClassLoader open(Settings settings, Path workingDir) {
        List<Path> entries = settings.java().classpath();
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            Path p = entries.get(i);
            if (!Files.exists(p)) {
                String shown = p.startsWith(workingDir) ? workingDir.relativize(p).toString() : p.toString();
                throw new StrataException(ErrorCode.CONFIG_INVALID, "java_classpath entry '" + shown + "' of "
                        + settings.configFile().map(f -> f.getFileName().toString()).orElse("strata.toml")
                        + " does not exist; compile the Java revisions first, or fix the path");
            }
            try {
                urls[i] = p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("a file path is a URL", e);
            }
        }
        return new URLClassLoader("strata-java-revisions", urls, JavaClassPath.class.getClassLoader());
    }

    public static void close(URLClassLoader loader) {
        if (loader == null) {
            return;
        }
        try {
            loader.close();
        } catch (IOException e) {
            // only open jar handles are released here; nothing to report
        }
    }
}
