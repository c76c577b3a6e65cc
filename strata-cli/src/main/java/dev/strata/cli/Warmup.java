package dev.strata.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class archive (see bin/strata): a separate JVM, whose output goes nowhere, that
 * does what commands do at start-up without a database — every command's options and help, a small project's
 * revisions read, checked and rendered as offline SQL (text and JSON), two upgrades' connection attempts to a port
 * nobody listens on (the first writes the revision cache, the second reads it) — and then loads, without initializing
 * them, the classes of Strata, picocli and pgjdbc that this did not reach. The JVM lists what it loaded; the archive
 * made from that list is the same whatever command ran first after a build.
 * Nothing here touches a database or the user's files: the project is a temporary folder, deleted at the end.
 */
public final class Warmup {
    private static final List<String> PACKAGES = List.of("dev/strata/", "picocli/", "org/postgresql/");
    /**
     * Classes outside those packages that only a run with a database reaches (a live connection's socket streams and
     * pgjdbc's date and time handling, the process environment's entries, the telemetry switch): listed from a no-op
     * upgrade's class list, so that it finds them in the archive too.
     */
    private static final List<String> ONLINE = List.of("io.opentelemetry.api.OpenTelemetry",
            "java.io.RandomAccessFile$1", "java.lang.ProcessEnvironment$StringEntry",
            "java.lang.ProcessEnvironment$StringEntrySet", "java.lang.ProcessEnvironment$StringEntrySet$1",
            "java.lang.StrictMath", "java.net.Socket$SocketInputStream", "java.net.Socket$SocketOutputStream",
            "java.net.UnknownHostException", "java.security.CodeSigner", "java.sql.Date", "java.text.ParsePosition",
            "java.time.DateTimeException", "java.time.Instant$1", "java.time.LocalDate$1", "java.time.LocalDateTime$1",
            "java.time.LocalTime$1", "java.time.format.DateTimeParseException", "java.util.SimpleTimeZone",
            "java.util.concurrent.atomic.AtomicIntegerFieldUpdater",
            "java.util.concurrent.atomic.AtomicIntegerFieldUpdater$AtomicIntegerFieldUpdaterImpl",
            "java.util.concurrent.atomic.AtomicIntegerFieldUpdater$AtomicIntegerFieldUpdaterImpl$1",
            "java.util.jar.JarVerifier", "sun.nio.ch.NioSocketImpl$1", "sun.nio.ch.NioSocketImpl$2");

    private Warmup() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Path dir = Files.createTempDirectory("strata-warmup-");
        try {
            Path migrations = Files.createDirectories(dir.resolve("migrations"));
            for (int i = 1; i <= 3; i++) {
                Files.writeString(migrations.resolve(String.format("%04d_t%d.sql", i, i)), "-- strata:revision w" + i
                        + "\n-- strata:parents " + (i == 1 ? "base" : "w" + (i - 1)) + "\n-- strata:message table " + i
                        + "\n\n-- strata:upgrade\nCREATE TABLE t" + i + " (id bigint PRIMARY KEY, name text NOT NULL);\n"
                        + "CREATE INDEX t" + i + "_name ON t" + i + " (name);\n\n-- strata:downgrade\nDROP TABLE t" + i
                        + ";\n", StandardCharsets.UTF_8);
            }
            String m = migrations.toString();
            String refused = "jdbc:postgresql://127.0.0.1:1/strata_warmup?user=strata&connectTimeout=1";
            // the revision cache in the temporary folder: the refused upgrades write it, then read it
            Map<String, String> env = Map.of("STRATA_CACHE_DIR", dir.resolve("cache").toString());
            for (String[] line : List.of(
                    new String[] {"--help"},
                    new String[] {"upgrade", "--help"},
                    new String[] {"--dir", m, "heads"},
                    new String[] {"--dir", m, "history"},
                    new String[] {"--dir", m, "upgrade", "head", "--sql"},
                    new String[] {"--dir", m, "--json", "upgrade", "head", "--sql"},
                    new String[] {"--dir", m, "downgrade", "head:base", "--sql"},
                    new String[] {"--url", refused, "--dir", m, "upgrade", "head", "-q"},
                    new String[] {"--url", refused, "--dir", m, "upgrade", "head", "-q"},
                    new String[] {"--url", refused, "--dir", m, "--json", "current"},
                    new String[] {"--dir", m, "no-such-command"})) {
                try {
                    Main.run(line, nowhere, nowhere, env, dir);
                } catch (RuntimeException | LinkageError e) {
                    // a training step that fails still loaded what it reached
                }
            }
            // what pgjdbc reads at every connection (the heap size, for its result buffer limit)
            java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            for (String name : ONLINE) {
                try {
                    Class.forName(name, false, Warmup.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    // another JDK's or build's name: not archived
                }
            }
            loadPackages();
        } finally {
            delete(dir);
        }
    }

    /** Loads (links, does not initialize) every class of {@link #PACKAGES} in the jar this class came from. */
    private static void loadPackages() {
        Path jar;
        try {
            jar = Path.of(Warmup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            return; // run from classes (tests): nothing to list
        }
        ClassLoader loader = Warmup.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")
                        || PACKAGES.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // an optional dependency's class that is not in this jar: not needed, not archived
                }
            }
        } catch (IOException e) {
            // no list of the jar: the archive holds what the commands above loaded
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
