package dev.strata.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [metrics]} and {@code [alerts]} tables of {@code strata.toml}, read on their own (the rest of the file
 * is {@link ConfigLoader}'s):
 *
 * <pre>
 * [metrics]
 * file = "/var/lib/node_exporter/textfile_collector/strata.prom"   # Prometheus text file, written after each run
 *
 * [alerts]
 * revision_longer_than = "5min"     # a revision that runs longer than this
 * failure = true                    # any failed run (a statement, the lock, a checksum...)
 * downgrade = true                  # any downgrade (a rollback)
 * verification_failure = true       # a revision's -- strata:verify failed
 * webhook = "${ALERT_WEBHOOK_URL}"  # optional: POST the alert document (JSON) here
 * webhook_timeout = "10s"           # default 10s
 * </pre>
 * Paths are relative to the config file's folder; {@code ${VAR}} is read from the environment. Every failure is a
 * {@link StrataException} with {@link ErrorCode#CONFIG_INVALID} naming the file and key; a webhook URL is never
 * shown (it may hold a token).
 */
public final class MonitorConfig {
    /** The default time a webhook POST may take. */
    public static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    private MonitorConfig() {
    }

    /**
     * What was configured.
     *
     * @param metricsFile where to write the Prometheus text file, if anywhere
     * @param alerts      the alert conditions
     */
    public record Monitor(Optional<Path> metricsFile, Alerts alerts) {
        public static final Monitor NONE = new Monitor(Optional.empty(), Alerts.NONE);
    }

    /**
     * The alert conditions of {@code [alerts]} and where to send alerts.
     *
     * @param revisionLongerThan    a revision running longer than this raises an alert
     * @param failure               any failed run raises an alert
     * @param downgrade             any downgrade raises an alert
     * @param verificationFailure   a failed {@code -- strata:verify} raises an alert
     * @param webhook               where to POST the alert document, if anywhere
     * @param webhookTimeout        how long the POST may take (connecting included)
     */
    public record Alerts(Optional<Duration> revisionLongerThan, boolean failure, boolean downgrade,
                         boolean verificationFailure, Optional<URI> webhook, Duration webhookTimeout) {
        public static final Alerts NONE = new Alerts(Optional.empty(), false, false, false, Optional.empty(),
                WEBHOOK_TIMEOUT);

        /** Whether any condition is configured. */
        public boolean any() {
            return revisionLongerThan.isPresent() || failure || downgrade || verificationFailure;
        }

        @Override
        public String toString() {
            return "Alerts[revisionLongerThan=" + revisionLongerThan.map(Durations::format).orElse("none")
                    + ", failure=" + failure + ", downgrade=" + downgrade + ", verificationFailure="
                    + verificationFailure + ", webhook=" + webhook.map(u -> Redaction.MASK).orElse("none")
                    + ", webhookTimeout=" + Durations.format(webhookTimeout) + "]";
        }
    }

    /** Reads {@code [metrics]} and {@code [alerts]} of the settings' config file (none: nothing configured). */
    public static Monitor read(Settings settings, Map<String, String> env) {
        Optional<Path> file = settings.configFile();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Monitor.NONE;
        }
        String name = file.get().getFileName().toString();
        JsonNode root = tree(file.get(), name);
        Path dir = settings.projectDir();
        Optional<Path> metricsFile = Optional.empty();
        JsonNode metrics = root.get("metrics");
        if (metrics != null) {
            table(name, "[metrics]", metrics);
            for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("file")) {
                    throw fail(name, "unknown key " + e.getKey() + " in [metrics]; known: file");
                }
                metricsFile = Optional.of(dir.resolve(string(name, "[metrics] file", e.getValue(), env)));
            }
        }
        Alerts alerts = Alerts.NONE;
        JsonNode a = root.get("alerts");
        if (a != null) {
            table(name, "[alerts]", a);
            Optional<Duration> longer = Optional.empty();
            boolean failure = false;
            boolean downgrade = false;
            boolean verification = false;
            Optional<URI> webhook = Optional.empty();
            Duration timeout = WEBHOOK_TIMEOUT;
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "[alerts] " + e.getKey();
                switch (e.getKey()) {
                    case "revision_longer_than" -> longer = Optional.of(duration(name, at, e.getValue(), env));
                    case "failure" -> failure = bool(name, at, e.getValue());
                    case "downgrade" -> downgrade = bool(name, at, e.getValue());
                    case "verification_failure" -> verification = bool(name, at, e.getValue());
                    case "webhook" -> webhook = Optional.of(uri(name, at, e.getValue(), env));
                    case "webhook_timeout" -> timeout = duration(name, at, e.getValue(), env);
                    default -> throw fail(name, "unknown key " + e.getKey() + " in [alerts]"
                            + ConfigParser.suggestion(e.getKey(), java.util.List.of("revision_longer_than", "failure",
                            "downgrade", "verification_failure", "webhook", "webhook_timeout"), "", ""));
                }
            }
            if (timeout.isZero()) {
                throw fail(name, "[alerts] webhook_timeout is 0; give the time a POST may take, like \"10s\"");
            }
            alerts = new Alerts(longer, failure, downgrade, verification, webhook, timeout);
        }
        return new Monitor(metricsFile, alerts);
    }

    private static JsonNode tree(Path file, String name) {
        try {
            return new TomlMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw fail(name, "invalid TOML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StrataException(ErrorCode.CONFIG_INVALID, name + ": cannot be read (" + e + ")", e);
        }
    }

    private static void table(String name, String label, JsonNode node) {
        if (!node.isObject()) {
            throw fail(name, label + " must be a table");
        }
    }

    private static String string(String name, String at, JsonNode v, Map<String, String> env) {
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw fail(name, at + " must be a non-empty string");
        }
        return Placeholders.expand(v.textValue(), env, name + ": " + at, "edit the value");
    }

    private static boolean bool(String name, String at, JsonNode v) {
        if (!v.isBoolean()) {
            throw fail(name, at + " must be true or false");
        }
        return v.booleanValue();
    }

    private static Duration duration(String name, String at, JsonNode v, Map<String, String> env) {
        String text = string(name, at, v, env);
        return Durations.parse(text).orElseThrow(() -> fail(name, at + " is \"" + text + "\", not a duration; "
                + Durations.hint(text)));
    }

    /** The webhook URL: http or https with a host; the message never repeats it (it may carry a token). */
    private static URI uri(String name, String at, JsonNode v, Map<String, String> env) {
        String text = string(name, at, v, env);
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw fail(name, at + " is not an http:// or https:// URL with a host; write it like"
                + " \"https://hooks.example.com/strata\"");
    }

    private static StrataException fail(String name, String what) {
        return new StrataException(ErrorCode.CONFIG_INVALID, name + ": " + what);
    }
}
