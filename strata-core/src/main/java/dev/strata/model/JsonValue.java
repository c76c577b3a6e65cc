package dev.strata.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed JSON value and where it starts in the text, so that {@link ModelJsonReader} can name the
 * line:column of content errors as well as syntax errors. {@code value} is a {@code String}, {@code Long},
 * {@code Boolean}, {@code null}, a {@code List<JsonValue>} or a {@code Map<String, Member>} (key order kept).
 * Parsing is Jackson's streaming parser; only integer numbers are accepted, which is all the model has.
 */
record JsonValue(Object value, int line, int column) {
    /** One key of an object: where the key is, and its value. */
    record Member(String key, int line, int column, JsonValue value) {
    }

    /** A syntax error, at line:column. */
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        SyntaxError(int line, int column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /** Parses one JSON document; duplicate keys and text after the value are errors. */
    static JsonValue parse(JsonFactory json, String text) {
        try (JsonParser p = json.createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() == null) {
                throw new SyntaxError(1, 1, "the text is empty");
            }
            JsonValue v = value(p);
            if (p.nextToken() != null) {
                throw syntax(p.currentTokenLocation(), "unexpected text after the JSON value");
            }
            return v;
        } catch (InputCoercionException e) {
            throw syntax(e.getLocation(), "the number is too large");
        } catch (JsonProcessingException e) {
            throw syntax(e.getLocation(), withoutSource(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonValue value(JsonParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        JsonToken t = p.currentToken();
        Object v = switch (t) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> throw syntax(at, "only integer numbers are allowed");
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw syntax(at, "unexpected " + t);
        };
        return new JsonValue(v, at.getLineNr(), at.getColumnNr());
    }

    private static Map<String, Member> object(JsonParser p) throws IOException {
        Map<String, Member> members = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            JsonLocation at = p.currentTokenLocation();
            String key = p.currentName();
            p.nextToken();
            members.put(key, new Member(key, at.getLineNr(), at.getColumnNr(), value(p)));
        }
        return Collections.unmodifiableMap(members);
    }

    private static List<JsonValue> array(JsonParser p) throws IOException {
        List<JsonValue> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(value(p));
        }
        return Collections.unmodifiableList(values);
    }

    /** Jackson's message without its "(for Array starting at [Source: …])" aside: line:column says where. */
    private static String withoutSource(String message) {
        int source = message.indexOf("[Source:");
        int aside = source < 0 ? -1 : message.lastIndexOf(" (", source);
        return aside < 0 ? message : message.substring(0, aside);
    }

    private static SyntaxError syntax(JsonLocation at, String what) {
        return at == null ? new SyntaxError(1, 1, what) : new SyntaxError(at.getLineNr(), at.getColumnNr(), what);
    }
}
