package dev.strata.engine;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.run.RunEvent;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code waitForDb} against real sockets: a port nothing listens on (gives up after the wait with the usual
 * error, the password nowhere), a server that only comes up later (a TCP proxy to the test server opened after a
 * delay: the call succeeds), and a failure waiting cannot fix (a missing database: at once).
 */
class WaitForDbTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Strata strata(String url, Duration wait, List<RunEvent> events) throws IOException {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/r1.sql"), "-- strata:revision r1\n-- strata:message one\n\n"
                + "-- strata:upgrade\nCREATE TABLE t (id int);\n\n-- strata:downgrade\nDROP TABLE t;\n");
        return Strata.configure().url(url).workingDir(dir).waitForDb(wait).listener(events::add).load();
    }

    @Test
    void givesUpAfterTheWaitWithTheUsualErrorAndNoPassword() throws Exception {
        int port = freePort();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        Strata strata = strata("postgresql://app:s3cret-pw@127.0.0.1:" + port + "/app", Duration.ofMillis(1500), events);
        long start = System.nanoTime();
        assertThatThrownBy(strata::status).isInstanceOfSatisfying(StrataException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(e.getMessage()).startsWith("gave up waiting for the database after 1500ms (")
                    .contains("could not connect to postgresql://app:***@127.0.0.1:" + port + "/app")
                    .doesNotContain("s3cret-pw").doesNotContain("\n");
            Matcher m = Pattern.compile("\\((\\d+) attempts\\)").matcher(e.getMessage());
            assertThat(m.find()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isBetween(3, 12);
        });
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isBetween(1400L, 8000L);  // the wait, plus a last attempt; generous for a busy CI machine
        List<String> notices = events.stream().filter(e -> e instanceof RunEvent.Notice)
                .map(e -> ((RunEvent.Notice) e).text()).filter(t -> t.startsWith("waiting")).toList();
        assertThat(notices).containsExactly("waiting up to 1500ms for the database at postgresql://app:***@127.0.0.1:"
                + port + "/app (from Strata.configure().url)");
    }

    @Test
    void connectsWhenTheServerComesUpLaterAndFailsAtOnceWhenWaitingCannotHelp() throws Exception {
        Matcher m = Pattern.compile("//([^/:?]+)(?::(\\d+))?/").matcher(db.jdbcUrl());
        assertThat(m.find()).as(db.jdbcUrl()).isTrue();
        String host = m.group(1);
        int serverPort = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        int port = freePort();
        String url = db.jdbcUrl().substring(0, m.start()) + "//127.0.0.1:" + port + "/" + db.jdbcUrl().substring(m.end());
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        Strata strata = strata(url, Duration.ofSeconds(20), events);
        try (Proxy proxy = new Proxy(port, host, serverPort, 1200)) {
            long start = System.nanoTime();
            assertThat(strata.upgrade("head").steps()).hasSize(1);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1100L);
            assertThat(events).filteredOn(e -> e instanceof RunEvent.Notice n && n.text().startsWith("waiting up to 20s"))
                    .hasSize(1);

            // the library's report: nothing pending, so the diagram is the live schema (no scratch database)
            dev.strata.engine.report.MigrationReport report = strata.report();
            assertThat(report.current()).containsExactly("r1");
            assertThat(report.pending()).isEmpty();
            assertThat(report.history()).extracting(h -> h.revision() + " " + h.status()).containsExactly("r1 ok");
            assertThat(report.diagram().source()).isEqualTo("database");
            assertThat(report.diagram().tables()).isEqualTo(1);
            assertThat(dev.strata.engine.report.MarkdownReport.render(report)).contains("| Current | `r1` |")
                    .contains("```mermaid\nerDiagram\n");
            assertThat(dev.strata.engine.report.HtmlReport.render(report)).contains("<svg").doesNotContain("<script");

            // the server is up, but the database does not exist: no amount of waiting helps
            String missing = url.replace("/" + db.name(), "/" + db.name() + "_missing");
            Strata other = strata(missing, Duration.ofSeconds(20), events);
            long t0 = System.nanoTime();
            assertThatThrownBy(other::status).isInstanceOf(StrataException.class)
                    .hasMessageNotContaining("gave up waiting").hasMessageContaining("does not exist");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000L);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A TCP proxy to the test server that starts listening only after a delay, like a server still booting. */
    private static final class Proxy implements AutoCloseable {
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;
        private final Thread acceptor;

        Proxy(int port, String host, int serverPort, long delayMs) {
            acceptor = new Thread(() -> {
                try {
                    Thread.sleep(delayMs);
                    server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
                    while (!server.isClosed()) {
                        Socket client = server.accept();
                        Socket upstream = new Socket(host, serverPort);
                        sockets.add(client);
                        sockets.add(upstream);
                        pipe(client.getInputStream(), upstream.getOutputStream());
                        pipe(upstream.getInputStream(), client.getOutputStream());
                    }
                } catch (IOException | InterruptedException closed) {
                    // closed by the test
                }
            }, "proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void pipe(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                try (in; out) {
                    in.transferTo(out);
                } catch (IOException closed) {
                    // one side went away
                }
            }, "proxy-pipe");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws Exception {
            acceptor.interrupt();
            if (server != null) {
                server.close();
            }
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
