package dev.strata.embedded;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The project's long-running embedded PostgreSQL behind {@code strata dev start|stop|status|url}. It
 * runs in a detached JVM ({@link DevServerMain}) so it outlives the command that started it, and is
 * described by {@code .strata/dev.json} while it runs. Commands find it through
 * {@link EmbeddedServer#attachOrStart(Path)}.
 */
public final class DevServer {
    /** How long {@link #start} waits for PostgreSQL to accept connections (initdb included). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** How long {@link #stop} waits for the dev server process to exit. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private DevServer() {
    }

    /**
     * The outcome of a dev command.
     *
     * @param running whether the dev server runs after the command
     * @param changed whether this command started or stopped it (false: it already was so)
     * @param server  the server that runs, or the one just stopped; present whenever {@code running}
     */
    public record Status(boolean running, boolean changed, Optional<DevServerInfo> server) {
        public Status {
            Objects.requireNonNull(server, "server");
            if (running && server.isEmpty()) {
                throw new IllegalArgumentException("a running status needs its server");
            }
        }

        /** One line for people, e.g. {@code dev server already running (pid 41, port 5433)}. */
        public String describe() {
            String where = server.map(s -> " (pid " + s.pid() + ", port " + s.port() + ")").orElse("");
            if (running) {
                return (changed ? "dev server started" : "dev server already running") + where;
            }
            return changed ? "dev server stopped" + where : "dev server not running";
        }
    }

    /**
     * Starts the dev server in a detached process and returns once PostgreSQL accepts connections; a
     * no-op (with {@code changed == false}) if it already runs. Fails with
     * {@link ErrorCode#EMBEDDED_FAILED} pointing at {@code .strata/dev.log}.
     */
    public static Status start(Path projectDir) {
        StrataDir dir = StrataDir.of(projectDir);
        dir.create();
        Optional<DevServerInfo> existing = DevServerFile.readLive(dir.devJson());
        if (existing.isPresent()) {
            return new Status(true, false, existing);
        }
        Process child = launch(dir, projectDir);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Optional<DevServerInfo> info = DevServerFile.readLive(dir.devJson());
            if (info.isPresent() && accepts(info.get().port())) {
                return new Status(true, info.get().pid() == child.pid(), info);
            }
            if (info.isEmpty() && !child.isAlive()) {
                throw new StrataException(ErrorCode.EMBEDDED_FAILED, "the dev server process exited with status "
                        + child.exitValue() + " before PostgreSQL was ready; see " + dir.devLog());
            }
            if (System.nanoTime() - deadline > 0) {
                child.destroy();
                throw new StrataException(ErrorCode.EMBEDDED_FAILED, "the dev server was not ready after "
                        + START_TIMEOUT.toSeconds() + "s and was stopped; see " + dir.devLog());
            }
            pause();
        }
    }

    /** Stops the dev server and waits until its process has exited; a no-op if it does not run. */
    public static Status stop(Path projectDir) {
        StrataDir dir = StrataDir.of(projectDir);
        Optional<DevServerInfo> info = DevServerFile.readLive(dir.devJson());
        if (info.isEmpty()) {
            return new Status(false, false, Optional.empty());
        }
        long pid = info.get().pid();
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            process.get().destroy();
            if (!Processes.waitForExit(process.get(), STOP_TIMEOUT)) {
                throw new StrataException(ErrorCode.EMBEDDED_FAILED, "the dev server (pid " + pid
                        + ") did not stop within " + STOP_TIMEOUT.toSeconds() + "s; see " + dir.devLog()
                        + "; `kill -9 " + pid + "` ends it and the next start recovers the data");
            }
        }
        if (DevServerFile.read(dir.devJson()).equals(info)) {
            DevServerFile.delete(dir.devJson());
        }
        return new Status(false, true, info);
    }

    /** Whether the dev server runs; removes a {@code dev.json} left by a process that is gone. */
    public static Status status(Path projectDir) {
        Optional<DevServerInfo> info = DevServerFile.readLive(StrataDir.of(projectDir).devJson());
        return new Status(info.isPresent(), false, info);
    }

    /** The running dev server's JDBC URL (database {@code strata}, user postgres, no password). */
    public static Optional<String> url(Path projectDir) {
        return status(projectDir).server().map(DevServerInfo::jdbcUrl);
    }

    private static Process launch(StrataDir dir, Path projectDir) {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(p -> command.add(p.toString()));
        command.add(javaBinary());
        // 192 MB: the first start on a machine unpacks the binaries in this JVM, and zonky's xz unpacking
        // needs more than 96 MB (it ran out of memory there on a cold cache); later starts use a fraction
        command.addAll(List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                DevServerMain.class.getName(), projectDir.toAbsolutePath().normalize().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(projectDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(dir.devLog().toFile()));
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            builder.redirectInput(Redirect.from(devNull));
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new StrataException(ErrorCode.EMBEDDED_FAILED, "cannot launch the dev server process ("
                    + e.getMessage() + "); see " + dir.devLog(), e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.EMBEDDED_FAILED, "interrupted while starting the dev server");
        }
    }
}
