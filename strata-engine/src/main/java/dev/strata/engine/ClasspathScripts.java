package dev.strata.engine;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.script.MigrationScript;
import dev.strata.script.ScriptParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Reads SQL revisions from a classpath location such as {@code classpath:db/strata}: every {@code *.sql}
 * resource under that path (subfolders included, names starting with {@code .} ignored), in path order, as
 * the folder loader does. The location may be a folder ({@code file:} URL), a plain jar
 * ({@code jar:file:app.jar!/db/strata}), or a Spring Boot executable jar: the classic
 * {@code jar:file:app.jar!/BOOT-INF/classes!/db/strata} form and Boot 3.2's
 * {@code jar:nested:/app.jar/!BOOT-INF/classes/!/db/strata}. Jar locations are read through the URL's own
 * {@link JarURLConnection} when its handler is installed (Boot's loader is), else by opening the outer
 * jar file and walking to the nested entry. Locations of more than one classpath root are merged; a revision
 * file at the same path in two roots is read from the first, as a class loader would.
 */
final class ClasspathScripts {
    /** The prefix that marks a classpath location. */
    static final String PREFIX = "classpath:";

    private ClasspathScripts() {
    }

    static boolean isClasspath(String location) {
        return location.startsWith(PREFIX);
    }

    /** @throws StrataException SCRIPT_DIRECTORY_UNREADABLE when nothing is at the location */
    static List<MigrationScript> load(ClassLoader loader, String location) {
        String path = trimSlashes(location.substring(PREFIX.length()));
        Map<String, String> files = new TreeMap<>();
        List<URL> roots = roots(loader, path);
        if (roots.isEmpty()) {
            throw new StrataException(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE, "migrations location '" + location
                    + "' is not on the class path: package the revision files under " + path
                    + "/ in the application's jar or resources, or name the location that holds them");
        }
        for (URL root : roots) {
            Map<String, String> found = new TreeMap<>();
            read(root, found);
            found.forEach(files::putIfAbsent);
        }
        List<MigrationScript> out = new ArrayList<>();
        files.forEach((relative, text) -> out.add(ScriptParser.parse(PREFIX + path + "/" + relative, text)));
        return List.copyOf(out);
    }

    private static List<URL> roots(ClassLoader loader, String path) {
        List<URL> out = new ArrayList<>();
        try {
            for (String name : new String[] {path, path + "/"}) {
                Enumeration<URL> e = loader.getResources(name);
                while (e.hasMoreElements()) {
                    URL u = e.nextElement();
                    if (out.stream().noneMatch(x -> trimSlashes(x.toString()).equals(trimSlashes(u.toString())))) {
                        out.add(u);
                    }
                }
            }
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot list classpath location '" + path + "': " + e.getMessage(), e);
        }
        return out;
    }

    /** Adds the {@code *.sql} files under one root URL, keyed by their path relative to it. */
    static void read(URL root, Map<String, String> out) {
        try {
            if (root.getProtocol().equals("file")) {
                readFolder(Path.of(root.toURI()), out);
                return;
            }
            if (!root.getProtocol().equals("jar")) {
                throw new StrataException(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE, "cannot list revision files at "
                        + root + ": only folders and jars are supported as classpath locations");
            }
            URLConnection c;
            try {
                c = root.openConnection();
                c.setUseCaches(false);
                if (c instanceof JarURLConnection jar && (jar.getEntryName() == null || !jar.getEntryName().contains("!/"))) {
                    JarFile file = jar.getJarFile();
                    readJar(file, dirPrefix(jar.getEntryName()), out);
                    return;
                }
            } catch (java.net.MalformedURLException unknownInnerProtocol) {
                // e.g. jar:nested: without Spring Boot's handler installed: read the file ourselves below
            }
            readJarPath(root.toString().substring("jar:".length()), out);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read revision files at " + root + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read revision files at " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code file:/app.jar!/BOOT-INF/classes!/db/strata} or {@code nested:/app.jar/!BOOT-INF/classes/!/db/strata}
     * (or with a {@code BOOT-INF/lib/x.jar} inner jar) without a URL handler for the inner jar.
     */
    private static void readJarPath(String spec, Map<String, String> out) throws IOException, URISyntaxException {
        String outer;
        List<String> inner = new ArrayList<>();
        if (spec.startsWith("nested:")) {
            String rest = spec.substring("nested:".length());
            int cut = rest.indexOf("/!");
            outer = rest.substring(0, cut);
            for (String part : rest.substring(cut + 2).split("!/", -1)) {
                inner.add(part);
            }
        } else if (spec.startsWith("file:")) {
            String[] parts = spec.split("!/", -1);
            outer = new URL(parts[0]).toURI().getPath();
            for (int i = 1; i < parts.length; i++) {
                inner.add(parts[i]);
            }
        } else {
            throw new StrataException(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE, "cannot list revision files at jar:"
                    + spec + ": unknown jar URL form");
        }
        outer = URLDecoder.decode(outer, StandardCharsets.UTF_8);
        try (JarFile jar = new JarFile(outer)) {
            // all but the last part name nested jars or folders inside the outer jar; the last is the location
            String prefix = "";
            byte[] nested = null;
            for (int i = 0; i < inner.size() - 1; i++) {
                String part = inner.get(i);
                if (part.endsWith(".jar")) {
                    JarEntry e = jar.getJarEntry(prefix + part);
                    if (e == null) {
                        throw new StrataException(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE, "no " + part + " in " + outer);
                    }
                    try (InputStream in = jar.getInputStream(e)) {
                        nested = in.readAllBytes();
                    }
                    prefix = "";
                } else {
                    prefix = prefix + dirPrefix(part);
                }
            }
            String location = prefix + dirPrefix(inner.isEmpty() ? "" : inner.get(inner.size() - 1));
            if (nested == null) {
                readJar(jar, location, out);
            } else {
                readJarStream(new JarInputStream(new ByteArrayInputStream(nested)), location, out);
            }
        }
    }

    private static void readJar(JarFile jar, String prefix, Map<String, String> out) throws IOException {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            String relative = relative(e, prefix);
            if (relative != null) {
                try (InputStream in = jar.getInputStream(e)) {
                    out.put(relative, decode(in.readAllBytes(), e.getName()));
                }
            }
        }
    }

    private static void readJarStream(JarInputStream in, String prefix, Map<String, String> out) throws IOException {
        for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
            String relative = relative(e, prefix);
            if (relative != null) {
                out.put(relative, decode(in.readAllBytes(), e.getName()));
            }
        }
    }

    private static String relative(JarEntry e, String prefix) {
        String name = e.getName();
        if (e.isDirectory() || !name.startsWith(prefix) || !name.endsWith(".sql")) {
            return null;
        }
        String relative = name.substring(prefix.length());
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return null;
            }
        }
        return relative;
    }

    private static void readFolder(Path dir, Map<String, String> out) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String relative = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && relative.endsWith(".sql")
                        && java.util.Arrays.stream(relative.split("/")).noneMatch(s -> s.startsWith("."))) {
                    out.put(relative, decode(Files.readAllBytes(p), relative));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String decode(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StrataException(ErrorCode.SCRIPT_NOT_UTF8, name + ": not valid UTF-8; save the file as UTF-8");
        }
    }

    private static String dirPrefix(String entry) {
        String t = trimSlashes(entry == null ? "" : entry);
        return t.isEmpty() ? "" : t + "/";
    }

    private static String trimSlashes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '/') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '/') {
            b--;
        }
        return s.substring(a, b);
    }
}
