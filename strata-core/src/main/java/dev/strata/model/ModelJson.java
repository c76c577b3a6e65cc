package dev.strata.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

/**
 * The stable JSON form of a {@link SchemaModel}, for snapshots, differ fixtures and {@code inspect --json}.
 *
 * <p>Layout: one object with {@code "format": 1} and one array per object kind ({@code schemas},
 * {@code extensions}, {@code tables}, {@code views}, {@code materializedViews}, {@code indexes},
 * {@code sequences}, {@code enums}, {@code compositeTypes}, {@code domains}, {@code functions},
 * {@code triggers}, {@code rules}, {@code hypertables}, {@code continuousAggregates}), each sorted by name.
 * Each object has one key per component of its record, in component order (the few exceptions are listed on
 * {@link JsonShape}). Names are written {@code schema.name}. Keys whose value is the default (null, false, an
 * empty list; true for {@code validated}, {@code valid}, {@code populated}) are left out when writing and
 * assumed when reading, so fixtures can be written by hand; unknown keys are rejected.
 *
 * <p>Invariants: {@code read(write(m)).equals(m)}, and equal models give identical text. Built on Jackson's
 * streaming API (jackson-core): the writer and reader are generic over the model records, so a new record
 * component of a known kind (text, flag, integer, enum, name, list, nested record) needs no change here.
 */
public final class ModelJson {
    /** The layout version written in {@code "format"}. */
    public static final int FORMAT = 1;

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private ModelJson() {
    }

    /** The model as indented JSON text ending in a newline. */
    public static String write(SchemaModel model) {
        return ModelJsonWriter.write(JSON, model);
    }

    /** Reads a model written by {@link #write(SchemaModel)} or by hand. */
    public static SchemaModel read(String json) {
        return read(json, "model JSON");
    }

    /**
     * Reads a model; {@code source} (a file name, say) names the input in error messages, which read
     * {@code source:line:column: what is wrong}.
     *
     * @throws StrataException MODEL_JSON_INVALID naming the line:column and the object path that is wrong
     */
    public static SchemaModel read(String json, String source) {
        JsonValue root;
        try {
            root = JsonValue.parse(JSON, json);
        } catch (JsonValue.SyntaxError e) {
            throw invalid(source, e.line, e.column, "not valid JSON: " + e.getMessage());
        }
        try {
            return ModelJsonReader.model(root);
        } catch (ModelJsonReader.BadJson e) {
            throw invalid(source, e.line, e.column, "not a valid schema model: " + e.getMessage());
        }
    }

    private static StrataException invalid(String source, int line, int column, String what) {
        return new StrataException(ErrorCode.MODEL_JSON_INVALID, source + ":" + line + ":" + column + ": " + what
                + "; fix it by hand or write it again with strata inspect --json");
    }
}
