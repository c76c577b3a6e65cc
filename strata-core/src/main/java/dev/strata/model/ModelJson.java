package dev.strata.model;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

/**
 * The stable JSON form of a {@link SchemaModel}, for snapshots, differ fixtures and {@code inspect --json}.
 *
 * <p>Layout: one object with {@code "format": 1} and one array per object kind ({@code schemas},
 * {@code extensions}, {@code tables}, {@code views}, {@code materializedViews}, {@code indexes},
 * {@code sequences}, {@code enums}, {@code compositeTypes}, {@code domains}, {@code functions},
 * {@code triggers}, {@code rules}, {@code hypertables}, {@code continuousAggregates}), each sorted by name.
 * Names are written {@code schema.name}. Keys whose value is the default (null, false, an empty list; true
 * for {@code validated}, {@code valid}, {@code populated}) are left out when writing and assumed when
 * reading, so fixtures can be written by hand; unknown keys are rejected.
 *
 * <p>Invariants: {@code read(write(m)).equals(m)}, and equal models give identical text. Pure Java: the core
 * has no JSON library, so this uses its own small codec.
 */
public final class ModelJson {
    /** The layout version written in {@code "format"}. */
    public static final int FORMAT = 1;

    private ModelJson() {
    }

    /** The model as indented JSON text ending in a newline. */
    public static String write(SchemaModel model) {
        return JsonText.write(ModelJsonWriter.model(model));
    }

    /** Reads a model written by {@link #write(SchemaModel)} or by hand. */
    public static SchemaModel read(String json) {
        return read(json, "model JSON");
    }

    /**
     * Reads a model; {@code source} (a file name, say) names the input in error messages.
     *
     * @throws StrataException MODEL_JSON_INVALID naming the line:column or the object path that is wrong
     */
    public static SchemaModel read(String json, String source) {
        Object value;
        try {
            value = JsonText.parse(json);
        } catch (IllegalArgumentException e) {
            throw invalid(source, "is not valid JSON at " + e.getMessage());
        }
        try {
            return ModelJsonReader.model(new JsonIn("$", value));
        } catch (JsonIn.BadJson e) {
            throw invalid(source, "has a bad schema model at " + e.getMessage());
        }
    }

    private static StrataException invalid(String source, String what) {
        return new StrataException(ErrorCode.MODEL_JSON_INVALID,
                source + " " + what + "; fix it by hand or write it again with strata inspect --json");
    }
}
