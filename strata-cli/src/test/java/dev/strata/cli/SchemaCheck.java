package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON Schema (draft 2020-12) checker over Jackson trees, for the published schemas of the CLI's
 * JSON output: {@code type} (one or a list), {@code required}, {@code properties}, {@code items} and
 * {@code enum}. No listed library validates JSON Schema, and these five keywords are all the schemas use.
 */
final class SchemaCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaCheck() {
    }

    /** The schema file {@code name} of docs/json-schema/. */
    static JsonNode schema(String name) throws IOException {
        return MAPPER.readTree(Files.readString(Path.of("..", "docs", "json-schema", name)));
    }

    static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** The violations of {@code schema} by {@code value}, each with its JSON pointer; empty when it conforms. */
    static List<String> violations(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "", out);
        return out;
    }

    private static void check(JsonNode schema, JsonNode value, String at, List<String> out) {
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value)) {
            out.add((at.isEmpty() ? "/" : at) + ": expected " + type + ", got " + value.getNodeType());
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null) {
            boolean found = false;
            for (JsonNode a : allowed) {
                found |= a.equals(value);
            }
            if (!found) {
                out.add((at.isEmpty() ? "/" : at) + ": " + value + " is not one of " + allowed);
            }
        }
        if (value.isObject()) {
            JsonNode required = schema.get("required");
            if (required != null) {
                for (JsonNode r : required) {
                    if (!value.has(r.asText())) {
                        out.add(at + "/" + r.asText() + ": required but missing");
                    }
                }
            }
            JsonNode properties = schema.get("properties");
            if (properties != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (value.has(p.getKey())) {
                        check(p.getValue(), value.get(p.getKey()), at + "/" + p.getKey(), out);
                    }
                }
            }
        }
        JsonNode items = schema.get("items");
        if (items != null && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(items, value.get(i), at + "/" + i, out);
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        switch (type.asText()) {
            case "object": return value.isObject();
            case "array": return value.isArray();
            case "string": return value.isTextual();
            case "integer": return value.isIntegralNumber();
            case "number": return value.isNumber();
            case "boolean": return value.isBoolean();
            case "null": return value.isNull();
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }
}
