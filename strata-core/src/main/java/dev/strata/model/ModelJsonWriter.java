package dev.strata.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SchemaModel} in the stable form documented on {@link ModelJson}, through Jackson's
 * streaming generator. Generic over the model records: each record is an object of its components, as
 * {@link JsonShape} describes; each map of the model is a list of its values (already sorted by key).
 */
final class ModelJsonWriter {
    private final JsonGenerator out;

    private ModelJsonWriter(JsonGenerator out) {
        this.out = out;
    }

    static String write(JsonFactory json, SchemaModel model) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = json.createGenerator(text)) {
            g.setPrettyPrinter(new JsonLayout());
            g.setCharacterEscapes(new JsonLayout.Escapes());
            new ModelJsonWriter(g).model(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.append('\n').toString();
    }

    private void model(SchemaModel model) throws IOException {
        out.writeStartObject();
        out.writeNumberField("format", ModelJson.FORMAT);
        for (JsonShape.Key key : JsonShape.keys(SchemaModel.class)) {
            Map<?, ?> objects = (Map<?, ?>) read(key, model);
            if (!objects.isEmpty()) {
                out.writeFieldName(key.name());
                list(List.copyOf(objects.values()));
            }
        }
        out.writeEndObject();
    }

    private void record(Object record) throws IOException {
        out.writeStartObject();
        Class<?> type = record.getClass();
        boolean first = true;
        for (JsonShape.Key key : JsonShape.writeOrder(type)) {
            field(key, read(key, record));
            if (first && JsonShape.sealedParent(type) != null) {
                out.writeStringField(JsonShape.KIND, JsonShape.kindName(type));
            }
            first = false;
        }
        out.writeEndObject();
    }

    /** One key, left out when its value is the default. */
    private void field(JsonShape.Key key, Object value) throws IOException {
        if (value == null || value instanceof List<?> l && l.isEmpty()
                || value instanceof Boolean b && b == key.flagWhenAbsent()) {
            return;
        }
        if (value instanceof MemberName m) {
            out.writeStringField("table", m.relation().toString());
            out.writeStringField("name", m.name());
            return;
        }
        out.writeFieldName(key.name());
        value(value);
    }

    private void value(Object value) throws IOException {
        if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Long n) {
            out.writeNumber(n);
        } else if (value instanceof Integer n) {
            out.writeNumber(n);
        } else if (value instanceof Character c) {
            out.writeString(c.toString());
        } else if (value instanceof Enum<?> e) {
            out.writeString(e.name());
        } else if (value instanceof ObjectName n) {
            out.writeString(n.toString());
        } else if (value instanceof List<?> l) {
            list(l);
        } else if (value.getClass().isRecord()) {
            record(value);
        } else {
            throw new IllegalStateException("ModelJson cannot write a " + value.getClass().getName()
                    + "; teach ModelJsonWriter and ModelJsonReader this type");
        }
    }

    private void list(List<?> values) throws IOException {
        out.writeStartArray();
        for (Object v : values) {
            value(v);
        }
        out.writeEndArray();
    }

    private static Object read(JsonShape.Key key, Object record) {
        try {
            return key.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + key.name() + " of " + record.getClass().getName(), e);
        }
    }
}
