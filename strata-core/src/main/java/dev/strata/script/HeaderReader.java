package dev.strata.script;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.error.Suggestion;
import dev.strata.graph.RevisionId;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Collects the {@code -- strata:KEY VALUE} lines of one file's header and validates each as it comes. */
final class HeaderReader {
    /** Ids that the target syntax reserves; a revision may not be called that. */
    private static final Set<String> RESERVED_IDS = Set.of("base", "head", "heads");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final String location;
    private final Map<HeaderKey, Integer> seenAt = new EnumMap<>(HeaderKey.class);

    private RevisionId id;
    private List<RevisionId> parents = List.of();
    private List<RevisionId> dependsOn = List.of();
    private List<String> branchLabels = List.of();
    private String message = "";
    private boolean transactional = true;
    private String irreversible;
    private String destructive;

    HeaderReader(String location) {
        this.location = location;
    }

    void accept(String key, String value, int line) {
        HeaderKey k = HeaderKey.of(key).orElseThrow(() -> unknownKey(key, line));
        Integer first = seenAt.putIfAbsent(k, line);
        if (first != null) {
            throw headerError(line, "duplicate header '" + key + "' (first given at line " + first
                    + "): keep one");
        }
        if (k.needsValue() && value.isEmpty()) {
            throw headerError(line, "header '" + key + "' needs a value: write '-- strata:" + key + " "
                    + placeholder(k) + "'");
        }
        switch (k) {
            case REVISION -> id = revisionId(value, line);
            case PARENTS -> parents = parents(value, line);
            case MESSAGE -> message = value;
            case BRANCH_LABELS -> branchLabels = labels(value, line);
            case DEPENDS_ON -> dependsOn = ids(value, k, line);
            case TRANSACTIONAL -> transactional = bool(value, line);
            case DESTRUCTIVE -> destructive = value;
            case IRREVERSIBLE -> irreversible = value;
            default -> throw new IllegalStateException("unhandled header key " + k);
        }
    }

    ScriptHeader finish() {
        if (id == null) {
            throw headerError(1, "no '-- strata:revision ID' line in the header: add one at the top of the file");
        }
        return new ScriptHeader(id, parents, dependsOn, branchLabels, message, transactional, irreversible,
                destructive, seenAt.getOrDefault(HeaderKey.IRREVERSIBLE, 0));
    }

    private RevisionId revisionId(String value, int line) {
        String[] words = value.split("\\s+");
        if (words.length != 1) {
            throw headerError(line, "header 'revision' takes exactly one id, got '" + value + "'");
        }
        if (RESERVED_IDS.contains(words[0].toLowerCase(Locale.ROOT))) {
            throw new StrataException(ErrorCode.REVISION_ID_INVALID, "revision id '" + words[0] + "' at "
                    + location + ":" + line + " is reserved for targets: choose another id");
        }
        return parseId(words[0], HeaderKey.REVISION, line);
    }

    private List<RevisionId> parents(String value, int line) {
        if (value.equals("base")) {
            return List.of();
        }
        return ids(value, HeaderKey.PARENTS, line);
    }

    private List<RevisionId> ids(String value, HeaderKey key, int line) {
        Set<RevisionId> result = new LinkedHashSet<>();
        for (String word : value.split("\\s+")) {
            if (word.equals("base")) {
                throw headerError(line, "'base' in '" + key.spelling() + "' must stand alone: a root revision "
                        + "has 'parents base' (or no parents line) and nothing else");
            }
            if (!result.add(parseId(word, key, line))) {
                throw headerError(line, "'" + word + "' is listed twice in '" + key.spelling() + "': list it once");
            }
        }
        return List.copyOf(result);
    }

    private RevisionId parseId(String word, HeaderKey key, int line) {
        if (!RevisionId.isValid(word)) {
            throw new StrataException(ErrorCode.REVISION_ID_INVALID, "invalid revision id '" + word + "' in '"
                    + key.spelling() + "' at " + location + ":" + line
                    + ": use only letters, digits, '_' and '.'");
        }
        return RevisionId.of(word);
    }

    private List<String> labels(String value, int line) {
        Set<String> result = new LinkedHashSet<>();
        for (String word : value.split("\\s+")) {
            if (!LABEL.matcher(word).matches()) {
                throw headerError(line, "invalid branch label '" + word + "': start with a letter or '_', then "
                        + "use letters, digits, '_', '.' and '-'");
            }
            if (!result.add(word)) {
                throw headerError(line, "branch label '" + word + "' is listed twice: list it once");
            }
        }
        return new ArrayList<>(result);
    }

    private boolean bool(String value, int line) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw headerError(line, "header 'transactional' must be 'true' or 'false', got '" + value + "'");
    }

    private StrataException unknownKey(String key, int line) {
        String hint = Suggestion.closest(key, HeaderKey.allWords())
                .map(s -> "did you mean '" + s + "'?")
                .orElse("known keys: " + String.join(", ", HeaderKey.allWords()));
        return headerError(line, "unknown header key '" + key + "': " + hint);
    }

    private StrataException headerError(int line, String what) {
        return new StrataException(ErrorCode.SCRIPT_HEADER_INVALID, location + ":" + line + ": " + what);
    }

    private static String placeholder(HeaderKey key) {
        return switch (key) {
            case REVISION -> "ID";
            case PARENTS, DEPENDS_ON -> "ID [ID...]";
            case BRANCH_LABELS -> "LABEL [LABEL...]";
            case TRANSACTIONAL -> "true|false";
            default -> "REASON";
        };
    }
}
