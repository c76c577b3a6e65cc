package dev.strata.engine.adopt;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The graph fields of an Alembic revision file, read as text (no Python runs): the top-level assignments
 * {@code revision}, {@code down_revision}, {@code branch_labels} and {@code depends_on}, with or without a
 * type annotation ({@code revision: str = "ae10"}), whose value is {@code None}, a string literal, or a
 * tuple or list of string literals spread over any number of lines; and the first line of the module
 * docstring as the message.
 */
final class AlembicScripts {
    private static final Pattern ASSIGN = Pattern.compile(
            "(?m)^(revision|down_revision|branch_labels|depends_on)\\s*(?::[^=\\n]+)?=(?!=)");
    private static final Pattern DOCSTRING = Pattern.compile("\\A(?:\\s*#[^\\n]*\\n|\\s*\\n)*\\s*[rRuU]?(\"\"\"|''')(.*?)\\1",
            Pattern.DOTALL);

    private AlembicScripts() {
    }

    /** One revision file's fields; {@code revision} null when the file assigns none. */
    record Script(String revision, List<String> downRevisions, List<String> branchLabels, List<String> dependsOn,
                  String message) {
    }

    static Script parse(String text, String where) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Matcher m = ASSIGN.matcher(text);
        while (m.find()) {
            if (values.containsKey(m.group(1))) {
                continue;   // the first top-level assignment is the one Alembic's template writes
            }
            int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            values.put(m.group(1), new Literal(text, m.end(), where + ":" + line).value());
        }
        List<String> rev = values.get("revision");
        if (rev != null && rev.size() != 1) {
            throw new StrataException(ErrorCode.SCRIPT_HEADER_INVALID, where + ": 'revision' must be one string, got "
                    + rev + "; fix the file; nothing was written");
        }
        String message = "";
        Matcher d = DOCSTRING.matcher(text);
        if (d.find()) {
            for (String l : d.group(2).strip().split("\n")) {
                if (!l.isBlank()) {
                    message = l.strip();
                    break;
                }
            }
        }
        return new Script(rev == null ? null : rev.get(0), values.getOrDefault("down_revision", List.of()),
                values.getOrDefault("branch_labels", List.of()), values.getOrDefault("depends_on", List.of()), message);
    }

    /** A Python literal: None, a string, or a tuple / list of strings (nested brackets flattened). */
    private static final class Literal {
        private final String text;
        private final String where;
        private int pos;

        Literal(String text, int pos, String where) {
            this.text = text;
            this.pos = pos;
            this.where = where;
        }

        List<String> value() {
            List<String> out = new ArrayList<>();
            int depth = 0;
            while (true) {
                skipSpace(depth > 0);
                if (pos >= text.length()) {
                    if (depth > 0) {
                        throw bad("an unclosed bracket");
                    }
                    return out;
                }
                char c = text.charAt(pos);
                if (c == '(' || c == '[') {
                    depth++;
                    pos++;
                } else if (c == ')' || c == ']') {
                    if (depth == 0) {
                        throw bad("an unmatched '" + c + "'");
                    }
                    depth--;
                    pos++;
                    if (depth == 0) {
                        return out;
                    }
                } else if (c == ',') {
                    pos++;
                } else if (c == '\'' || c == '"') {
                    out.add(string(c));
                    if (depth == 0) {
                        return out;
                    }
                } else if (text.startsWith("None", pos)) {
                    pos += 4;
                    if (depth == 0) {
                        return out;
                    }
                } else if (c == '\n' || c == '#') {
                    if (depth == 0) {
                        return out;
                    }
                    pos++;
                } else {
                    throw bad("something other than None, a string or a tuple of strings");
                }
            }
        }

        private void skipSpace(boolean newlines) {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                    pos += c == '\\' ? 2 : 1;
                } else if (newlines && c == '\n') {
                    pos++;
                } else if (newlines && c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private String string(char quote) {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < text.length() && text.charAt(pos) != quote) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()) {
                    pos++;
                    c = text.charAt(pos);
                } else if (c == '\n') {
                    throw bad("an unterminated string");
                }
                b.append(c);
                pos++;
            }
            if (pos >= text.length()) {
                throw bad("an unterminated string");
            }
            pos++;
            return b.toString();
        }

        private StrataException bad(String what) {
            return new StrataException(ErrorCode.SCRIPT_HEADER_INVALID, where + ": the value has " + what
                    + "; Strata reads revision, down_revision, branch_labels and depends_on as None, a string or a"
                    + " tuple of strings: write it so; nothing was written");
        }
    }
}
