package dev.strata.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson mapper behind every {@code --json} output: documents on standard output (indented),
 * event lines and errors on standard error (one compact line each, so a value with a newline stays inside
 * its line). Records of the engine are written with snake_case names; every document carries
 * {@link #FORMAT_VERSION} first. The documents are described by the JSON Schemas in docs/json-schema/.
 */
public final class Json {
    /** The version of the JSON documents' format; raised when a field changes meaning or goes away. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    /** {@code value} (a record, map or list) as a document: {@code format_version} first, then its fields. */
    static ObjectNode document(Object value) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("format_version", FORMAT_VERSION);
        var tree = MAPPER.valueToTree(value);
        if (tree instanceof ObjectNode o) {
            out.setAll(o);
        } else {
            out.set("value", tree);
        }
        return out;
    }

    /** An indented document for standard output. */
    static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** A one-line document for standard error (events, errors). */
    static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(document(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The error document printed on standard error under --json. */
    static String error(String code, String message, int exitCode) {
        return line(new ErrorDocument(code, message, exitCode));
    }

    /** A failure under --json: the error code, the one-line message, the exit status. */
    private record ErrorDocument(String error, String message, int exitCode) {
    }
}
