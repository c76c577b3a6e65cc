package dev.strata.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the text of a {@code strata.toml} into a {@link ConfigFile}, rejecting syntax errors (with
 * file:line:column), unknown tables and keys (with the nearest known one), values of the wrong type and
 * malformed durations. Durations holding a {@code ${VAR}} reference are checked when they are used.
 */
final class ConfigParser {
    enum Kind { STRING, DURATION, BOOLEAN, STRING_LIST }

    static final Map<String, Kind> STRATA_KEYS = keys(
            "migrations", Kind.STRING, "schema", Kind.STRING, "version_table", Kind.STRING,
            "history_table", Kind.STRING, "url", Kind.STRING, "lock_wait", Kind.DURATION,
            "lock_timeout", Kind.DURATION, "statement_timeout", Kind.DURATION,
            "java_package", Kind.STRING, "java_classpath", Kind.STRING_LIST, "java_sources", Kind.STRING,
            "schema_dir", Kind.STRING, "dev_url", Kind.STRING,
            "wait_for_db", Kind.DURATION);
    static final Map<String, Kind> ENVIRONMENT_KEYS = keys(
            "url", Kind.STRING, "lock_wait", Kind.DURATION, "lock_timeout", Kind.DURATION,
            "statement_timeout", Kind.DURATION,
            "wait_for_db", Kind.DURATION);
    static final Map<String, Kind> DATABASE_KEYS = keys(
            "url", Kind.STRING, "migrations", Kind.STRING, "schema", Kind.STRING,
            "version_table", Kind.STRING, "history_table", Kind.STRING);
    /** A key that earlier templates wrote but that no release implements yet: rejected with its own line. */
    private static final String NOT_YET_BACKUP = "backup";
    private static final List<String> SECTIONS = List.of("strata", "environments", "databases");

    private final String name;

    private ConfigParser(String name) {
        this.name = name;
    }

    static ConfigFile parse(String text, String name, Path file) {
        return new ConfigParser(name).parse(text, file);
    }

    private ConfigFile parse(String text, Path file) {
        JsonNode root = readTree(text);
        ConfigTable strata = ConfigTable.empty("[strata]");
        Map<String, ConfigTable> environments = new TreeMap<>();
        Map<String, ConfigTable> databases = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode node = e.getValue();
            if (key.equals("strata")) {
                strata = table("[strata]", node, STRATA_KEYS);
            } else if (key.equals("environments")) {
                environments = group("environments", node, ENVIRONMENT_KEYS, "[environments.production]");
            } else if (key.equals("databases")) {
                databases = group("databases", node, DATABASE_KEYS, "[databases.replica]");
            } else if (key.equals("lint")) {
                continue; // [lint] and [lint.rules]: read by dev.strata.engine.lint.LintConfig
            } else if (!node.isObject() && STRATA_KEYS.containsKey(key)) {
                throw fail("key " + key + " is outside any table; put it under [strata]");
            } else {
                String close = suggestion(key, SECTIONS, "[", "]");
                throw fail("unknown " + (node.isObject() ? "table [" + key + "]" : "key " + key + " outside any table")
                        + (close.startsWith("; did you mean") ? close
                        : "; the tables are [strata], [environments.NAME] and [databases.NAME]"));
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        return new ConfigFile(name, dir, Optional.of(file), strata, new TreeMap<>(environments),
                new TreeMap<>(databases));
    }

    private JsonNode readTree(String text) {
        try {
            return new TomlMapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
            String reason = e.getOriginalMessage() == null ? "invalid TOML" : e.getOriginalMessage().strip();
            String hint = reason.startsWith("Duplicate key")
                    ? "each key and table may appear only once" : "fix the TOML syntax";
            throw new StrataException(ErrorCode.CONFIG_INVALID,
                    where + ": " + firstLine(reason) + "; " + hint, e);
        }
    }

    private Map<String, ConfigTable> group(String section, JsonNode node, Map<String, Kind> allowed, String example) {
        if (!node.isObject()) {
            throw fail("[" + section + "] must hold tables like " + example + ", not " + describe(node));
        }
        Map<String, ConfigTable> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String label = "[" + section + "." + tomlKey(e.getKey()) + "]";
            if (!e.getValue().isObject()) {
                throw fail(section + "." + tomlKey(e.getKey()) + " must be a table like " + example
                        + ", not " + describe(e.getValue()));
            }
            out.put(e.getKey(), table(label, e.getValue(), allowed));
        }
        return out;
    }

    private ConfigTable table(String label, JsonNode node, Map<String, Kind> allowed) {
        if (!node.isObject()) {
            throw fail(label + " must be a table, not " + describe(node));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            Kind kind = allowed.get(key);
            if (kind == null) {
                throw fail(unknownKey(label, key, allowed));
            }
            values.put(key, value(label, key, kind, e.getValue()));
        }
        return new ConfigTable(label, values);
    }

    private Object value(String label, String key, Kind kind, JsonNode v) {
        String at = label + " " + key;
        if (kind == Kind.BOOLEAN) {
            if (!v.isBoolean()) {
                throw fail(at + " must be true or false, not " + describe(v));
            }
            return v.booleanValue();
        }
        if (kind == Kind.STRING_LIST) {
            return stringList(at, v);
        }
        if (!v.isTextual()) {
            String example = kind == Kind.DURATION ? " like \"2s\"" : "";
            throw fail(at + " must be a string" + example + ", not " + describe(v));
        }
        String text = v.textValue();
        if (kind == Kind.DURATION && !Placeholders.hasReference(text) && Durations.parse(text).isEmpty()) {
            throw fail(at + " is \"" + text + "\", not a duration; " + Durations.hint(text));
        }
        if (kind == Kind.STRING && text.isBlank()) {
            throw fail(at + " is empty; give a value or remove the line to use the default");
        }
        return text;
    }

    private List<String> stringList(String at, JsonNode v) {
        String example = " like [\"build/classes/java/main\", \"lib/migrations.jar\"]";
        if (!v.isArray()) {
            throw fail(at + " must be an array of strings" + example + ", not " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw fail(at + " must hold only non-empty strings" + example + ", not " + describe(item));
            }
            out.add(item.textValue());
        }
        return out;
    }

    private static String unknownKey(String label, String key, Map<String, Kind> allowed) {
        String msg = "unknown key " + key + " in " + label;
        if (key.equals(NOT_YET_BACKUP)) {
            return msg + ": Strata does not take backups yet, so backup = true would do nothing; remove the line"
                    + " (and back the database up yourself before upgrading, e.g. with pg_dump)";
        }
        if (!allowed.containsKey(key) && STRATA_KEYS.containsKey(key)) {
            String where = DATABASE_KEYS.containsKey(key) ? "[strata] or [databases.NAME]"
                    : ENVIRONMENT_KEYS.containsKey(key) ? "[strata] or [environments.NAME]" : "[strata]";
            return msg + "; " + key + " can be set only in " + where;
        }
        return msg + suggestion(key, allowed.keySet(), "", "");
    }

    /** "; did you mean X?" for a close known name, else "; known: a, b, c". */
    static String suggestion(String given, Iterable<String> known, String before, String after) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> all = new ArrayList<>();
        for (String k : known) {
            all.add(before + k + after);
            int d = dev.strata.error.Suggestion.distance(given.toLowerCase(java.util.Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best != null && bestDistance <= Math.max(2, given.length() / 3)) {
            return "; did you mean " + before + best + after + "?";
        }
        return "; known: " + String.join(", ", all);
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "the string \"" + v.textValue() + "\"";
        }
        if (v.isBoolean()) {
            return "the boolean " + v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return "the integer " + v.asText();
        }
        if (v.isNumber()) {
            return "the number " + v.asText();
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "a table";
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** A key as TOML would write it: bare when it can be, quoted otherwise. */
    static String tomlKey(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }

    private StrataException fail(String what) {
        return new StrataException(ErrorCode.CONFIG_INVALID, name + ": " + what);
    }

    private static Map<String, Kind> keys(Object... pairs) {
        Map<String, Kind> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
