package dev.strata.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.strata.embedded.EmbeddedServerTest.execute;
import static dev.strata.embedded.EmbeddedServerTest.millisSince;
import static dev.strata.embedded.EmbeddedServerTest.queryOne;
import static org.assertj.core.api.Assertions.assertThat;

class DevServerTest {
    @TempDir
    Path project;

    @Test
    void startStatusUrlAttachStop() throws Exception {
        assertThat(DevServer.status(project).running()).isFalse();

        long t0 = System.nanoTime();
        DevServer.Status started = DevServer.start(project);
        long startMillis = millisSince(t0);
        try {
            assertThat(started.running()).isTrue();
            assertThat(started.changed()).isTrue();
            DevServerInfo info = started.server().orElseThrow();
            assertThat(info.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(started.describe()).isEqualTo("dev server started (pid " + info.pid() + ", port " + info.port() + ")");
            assertThat(project.resolve(".strata/dev.json")).exists();
            assertThat(project.resolve(".strata/dev.log")).content().contains("PostgreSQL ready on port " + info.port());

            DevServer.Status status = DevServer.status(project);
            assertThat(status.running()).isTrue();
            assertThat(status.server()).contains(info);
            assertThat(DevServer.url(project)).contains(info.jdbcUrl());
            execute(info.jdbcUrl(), "CREATE TABLE t (v int); INSERT INTO t VALUES (7)");

            DevServer.Status again = DevServer.start(project);
            assertThat(again.changed()).isFalse();
            assertThat(again.describe()).startsWith("dev server already running (pid " + info.pid());

            try (EmbeddedServer attached = EmbeddedServer.attachOrStart(project)) {
                assertThat(attached.ownedByThisProcess()).isFalse();
                assertThat(attached.port()).isEqualTo(info.port());
                assertThat(queryOne(attached.jdbcUrl(), "SELECT v FROM t")).isEqualTo("7");
            }
            assertThat(queryOne(info.jdbcUrl(), "SELECT count(*) FROM t")).isEqualTo("1");

            long t1 = System.nanoTime();
            DevServer.Status stopped = DevServer.stop(project);
            System.out.println("dev start (spawn JVM + PostgreSQL with initdb): " + startMillis
                    + " ms; dev stop: " + millisSince(t1) + " ms");
            assertThat(stopped.running()).isFalse();
            assertThat(stopped.changed()).isTrue();
            // an exited child can linger as a zombie until init reaps it: "running" means alive and not a zombie
            assertThat(ProcessHandle.of(info.pid()).map(Processes::isRunning)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(accepts(info.port())).isFalse();
            assertThat(project.resolve(".strata/dev.json")).doesNotExist();
            assertThat(DevServer.status(project).describe()).isEqualTo("dev server not running");
            assertThat(DevServer.url(project)).isEmpty();
            assertThat(DevServer.stop(project).changed()).isFalse();
        } finally {
            DevServer.stop(project);
        }
    }

    @Test
    void staleDevJsonIsRemoved() throws Exception {
        Path strata = project.resolve(".strata");
        Files.createDirectories(strata);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        DevServerFile.write(strata.resolve("dev.json"),
                new DevServerInfo(gone.pid(), 5999, LocalCluster.jdbcUrl(5999), Instant.now()));

        DevServer.Status status = DevServer.status(project);
        assertThat(status.running()).isFalse();
        assertThat(strata.resolve("dev.json")).doesNotExist();

        Files.writeString(strata.resolve("dev.json"), "{not json");
        assertThat(DevServer.url(project)).isEmpty();
        assertThat(strata.resolve("dev.json")).doesNotExist();
    }

    @Test
    void aKilledDevServerIsCleanedUpAndItsOrphanedPostgresStopped() throws Exception {
        DevServerInfo info = DevServer.start(project).server().orElseThrow();
        ProcessHandle devJvm = ProcessHandle.of(info.pid()).orElseThrow();
        devJvm.destroyForcibly();
        devJvm.onExit().get();
        // zonky's shutdown hook did not run: PostgreSQL is still up, dev.json is stale
        assertThat(accepts(info.port())).isTrue();
        assertThat(DevServer.status(project).running()).isFalse();
        assertThat(project.resolve(".strata/dev.json")).doesNotExist();

        long t0 = System.nanoTime();
        try (EmbeddedServer server = EmbeddedServer.attachOrStart(project, Duration.ofSeconds(30))) {
            assertThat(server.ownedByThisProcess()).isTrue();
            assertThat(accepts(info.port())).isFalse();
            assertThat(queryOne(server.jdbcUrl(), "SELECT 1")).isEqualTo("1");
            System.out.println("start after stopping an orphaned server: " + millisSince(t0) + " ms");
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
