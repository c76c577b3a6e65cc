package dev.strata.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The whitespace of {@link ModelJson}'s stable form, as a Jackson pretty printer: two-space indents,
 * {@code "key": value}, one key per line, a list of plain values on one line ({@code ["a", "b"]}) and a list
 * of objects one object per line. Empty objects and lists are {@code {}} and {@code []}. One instance
 * writes one document (it keeps the nesting state).
 */
final class JsonLayout implements PrettyPrinter {
    /** What is known about an open list: nothing yet, plain values, or objects/lists. */
    private enum ListForm { UNKNOWN, FLAT, NESTED }

    private final Deque<ListForm> lists = new ArrayDeque<>();
    private final Deque<Boolean> inList = new ArrayDeque<>();
    private int depth;

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
        // one document per text
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        startContainer(g);
        g.writeRaw('{');
        depth++;
        inList.push(false);
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newline(g, depth);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g, depth);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        depth--;
        inList.pop();
        if (entries > 0) {
            newline(g, depth);
        }
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        startContainer(g);
        g.writeRaw('[');
        depth++;
        inList.push(true);
        lists.push(ListForm.UNKNOWN);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
        // the first value decides the list's form
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        if (lists.peek() == ListForm.NESTED) {
            g.writeRaw(',');
            newline(g, depth);
        } else {
            lists.pop();
            lists.push(ListForm.FLAT);
            g.writeRaw(", ");
        }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        depth--;
        inList.pop();
        if (lists.pop() == ListForm.NESTED) {
            newline(g, depth);
        }
        g.writeRaw(']');
    }

    /** An object or list that is the first value of a list puts that list on several lines. */
    private void startContainer(JsonGenerator g) throws IOException {
        if (Boolean.TRUE.equals(inList.peek()) && lists.peek() == ListForm.UNKNOWN) {
            lists.pop();
            lists.push(ListForm.NESTED);
            newline(g, depth);
        }
    }

    private static void newline(JsonGenerator g, int level) throws IOException {
        g.writeRaw('\n');
        for (int i = 0; i < level; i++) {
            g.writeRaw("  ");
        }
    }

    /**
     * JSON's required escapes, with control characters that have no short form written {@code \}{@code u001f}
     * in lower case, as the stable form always has.
     */
    static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        Escapes() {
            ascii = standardAsciiEscapesForJSON();
            for (int ch = 0; ch < 0x20; ch++) {
                if (ascii[ch] == ESCAPE_STANDARD) {
                    ascii[ch] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
