package dev.strata.java;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Finds the names of the classes in a package and its subpackages on a class loader's class path, without
 * loading them. The class path is: the {@code file:} URLs of every {@link URLClassLoader} from the given
 * loader up through its parents, and, when the system class loader is among them, the entries of
 * {@code java.class.path} (with the {@code Class-Path} of their jar manifests). Folders are walked; jars
 * are listed. Entries that do not exist are skipped (a class loader skips them too).
 */
final class ClassPathScanner {
    private ClassPathScanner() {
    }

    /** Binary class names (e.g. {@code com.acme.m.R1}, {@code com.acme.m.Outer$Inner}), sorted, no duplicates. */
    static List<String> classNames(ClassLoader loader, String packageName) {
        String prefix = packageName.replace('.', '/') + "/";
        Set<String> names = new TreeSet<>();
        for (Path root : roots(loader)) {
            if (Files.isDirectory(root)) {
                scanDirectory(root, root.resolve(prefix), names);
            } else if (Files.isRegularFile(root)) {
                scanJar(root, prefix, names);
            }
        }
        return List.copyOf(names);
    }

    private static Set<Path> roots(ClassLoader loader) {
        Set<Path> roots = new LinkedHashSet<>();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        boolean sawSystem = false;
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    toPath(url).ifPresent(roots::add);
                }
            }
            sawSystem |= l == system;
        }
        if (sawSystem) {
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    addWithManifestClassPath(Path.of(entry).toAbsolutePath().normalize(), roots);
                }
            }
        }
        return roots;
    }

    /** Adds a jar and, recursively, the jars its manifest's Class-Path names (as surefire's booter jar does). */
    private static void addWithManifestClassPath(Path entry, Set<Path> roots) {
        if (!roots.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        List<Path> more = new ArrayList<>();
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest m = jar.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (cp != null) {
                for (String ref : cp.trim().split("\\s+")) {
                    try {
                        toPath(new URL(entry.toUri().toURL(), ref)).ifPresent(more::add);
                    } catch (IOException e) {
                        // a malformed reference: the JVM ignores it too
                    }
                }
            }
        } catch (IOException e) {
            return; // not a jar; the class loader cannot read it either
        }
        for (Path p : more) {
            addWithManifestClassPath(p, roots);
        }
    }

    private static java.util.Optional<Path> toPath(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Path.of(url.toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static void scanDirectory(Path root, Path packageDir, Set<String> names) {
        if (!Files.isDirectory(packageDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(packageDir)) {
            files.filter(f -> Files.isRegularFile(f))
                    .map(f -> root.relativize(f).toString().replace(File.separatorChar, '/'))
                    .forEach(rel -> addClass(rel, names));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot list the Java revisions in " + packageDir + ": "
                    + e.getMessage() + "; check the folder's permissions");
        }
    }

    private static void scanJar(Path jarPath, String prefix, Set<String> names) {
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(prefix)) {
                    addClass(e.getName(), names);
                }
            }
        } catch (IOException e) {
            // not a jar (a class loader ignores it too)
        }
    }

    private static void addClass(String relative, Set<String> names) {
        if (!relative.endsWith(".class")) {
            return;
        }
        String name = relative.substring(0, relative.length() - ".class".length());
        if (name.endsWith("package-info") || name.endsWith("module-info") || name.startsWith("META-INF/")) {
            return;
        }
        names.add(name.replace('/', '.'));
    }
}
