package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.testkit.Extensions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the DevTools protocol with the JDK's HTTP and WebSocket clients: open a
 * page, collect console errors, exceptions and log errors (a blocked load under a Content-Security-Policy is
 * one), evaluate JavaScript in it. One browser per instance; close it to end the process.
 *
 * <p>Chromium missing: fails on CI ({@code CI=true}) where {@code .ci/run} installs the Debian package
 * {@code chromium} (as root, with apt-get), skips elsewhere with one line saying how to get it.
 */
final class HeadlessBrowser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private HeadlessBrowser(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The chromium executable, or null. */
    static String executable() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    /** Whether {@code .ci/run} would have installed chromium here: running as root on a machine with apt-get. */
    private static boolean ciInstallsIt() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"));
    }

    static HeadlessBrowser launch() throws Exception {
        String exe = executable();
        if (exe == null) {
            String line = "chromium is not installed: the HTML report's browser test needs it (apt-get install chromium)";
            if (Extensions.onCi() && ciInstallsIt()) {
                throw new AssertionError(line + " (CI=true as root with apt-get: .ci/run installs it, so this must"
                        + " not skip)");
            }
            Assumptions.abort(line);
        }
        Path profile = Files.createTempDirectory("strata-chromium");
        Process p = new ProcessBuilder(exe, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not start (exit " + (p.isAlive() ? "none" : p.exitValue())
                        + "): " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        String page = null;
        for (JsonNode t : JSON.readTree(targets.body())) {
            if ("page".equals(t.path("type").asText())) {
                page = t.path("webSocketDebuggerUrl").asText();
            }
        }
        if (page == null) {
            p.destroyForcibly();
            throw new AssertionError("chromium has no page target: " + targets.body());
        }
        HeadlessBrowser[] self = new HeadlessBrowser[1];
        Listener listener = new Listener(self);
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(page), listener).get(10, TimeUnit.SECONDS);
        self[0] = new HeadlessBrowser(p, profile, ws);
        self[0].call("Runtime.enable", null);
        self[0].call("Log.enable", null);
        self[0].call("Page.enable", null);
        return self[0];
    }

    /** Opens {@code file} and waits for its load event. */
    void open(Path file) throws Exception {
        loaded = new CompletableFuture<>();
        ObjectNode params = JSON.createObjectNode().put("url", file.toUri().toString());
        JsonNode r = call("Page.navigate", params);
        if (r.has("errorText")) {
            throw new AssertionError("navigation failed: " + r);
        }
        loaded.get(30, TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression in the page (by value: JSON-able results). */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
        JsonNode r = call("Runtime.evaluate", params);
        if (r.has("exceptionDetails")) {
            throw new AssertionError("evaluating " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A PNG screenshot of the page. */
    byte[] screenshot() throws Exception {
        JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        return java.util.Base64.getDecoder().decode(r.path("data").asText());
    }

    /** Console errors, uncaught exceptions and error log entries seen so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            msg.set("params", params);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r = reply.get(30, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new AssertionError(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    private void on(JsonNode msg) {
        if (msg.has("id")) {
            CompletableFuture<JsonNode> f = replies.remove(msg.get("id").asInt());
            if (f != null) {
                f.complete(msg);
            }
            return;
        }
        String method = msg.path("method").asText();
        JsonNode p = msg.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                if (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert")) {
                    errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + p.path("entry"));
                }
            }
            default -> { }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException ignored) {
            // the browser goes anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Collects text frames (which may arrive in parts) and hands whole messages to the browser object. */
    private static final class Listener implements WebSocket.Listener {
        private final HeadlessBrowser[] owner;
        private final StringBuilder part = new StringBuilder();
        private final List<JsonNode> early = new ArrayList<>();

        Listener(HeadlessBrowser[] owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(part.toString());
                    if (owner[0] == null) {
                        early.add(msg);
                    } else {
                        early.forEach(owner[0]::on);
                        early.clear();
                        owner[0].on(msg);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    part.setLength(0);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
