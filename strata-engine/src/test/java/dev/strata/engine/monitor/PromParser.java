package dev.strata.engine.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads a Prometheus text file with a real parser: {@code prometheus_client.parser} of the Prometheus Python client
 * (Debian's python3-prometheus-client, installed by .ci/run), which rejects what Prometheus would reject. Its samples
 * come back as JSON: {@code [{"name": ..., "labels": {...}, "value": ...}]}.
 */
final class PromParser {
    private static final String SCRIPT = String.join("\n",
            "import json, sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = []",
            "for family in text_string_to_metric_families(open(sys.argv[1]).read()):",
            "    if family.type != 'gauge':",
            "        raise SystemExit('not a gauge: ' + family.name)",
            "    for s in family.samples:",
            "        out.append({'name': s.name, 'labels': s.labels, 'value': s.value})",
            "print(json.dumps(out))");

    private PromParser() {
    }

    static JsonNode parse(Path file) throws IOException, InterruptedException {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p = new ProcessBuilder(python, "-c", SCRIPT, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("the Prometheus parser rejected " + file + " (or is missing: apt-get install"
                    + " python3-prometheus-client): " + out + "\n--- file:\n" + Files.readString(file));
        }
        return new ObjectMapper().readTree(out);
    }

    /** The value of the first sample of {@code name} whose label {@code label} is {@code value}. */
    static double value(JsonNode samples, String name, String label, String value) {
        for (JsonNode s : samples) {
            if (s.path("name").asText().equals(name) && s.path("labels").path(label).asText().equals(value)) {
                return s.path("value").asDouble();
            }
        }
        throw new AssertionError("no sample " + name + "{" + label + "=\"" + value + "\"} in " + samples);
    }
}
