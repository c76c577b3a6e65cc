package dev.strata.engine.adopt;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlStatement;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SQL of a source migration as a Strata section: read as UTF-8 with LF line endings, top-level
 * transaction control ({@code BEGIN;}, {@code COMMIT;} alone on their lines) removed because Strata wraps
 * each revision in its own transaction together with its history row, and statements that cannot run in a
 * transaction ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...) detected so the revision is marked
 * {@code transactional false}.
 */
final class SourceSql {
    private static final Pattern TX_CONTROL = Pattern.compile(
            "(?is)(BEGIN|START\\s+TRANSACTION|COMMIT|END)(\\s+(TRANSACTION|WORK))?(\\s+ISOLATION\\s+LEVEL\\s+[a-z ]+)?");
    private static final Pattern TX_LINE = Pattern.compile(
            "(?i)\\s*(BEGIN|START\\s+TRANSACTION|COMMIT|END)(\\s+(TRANSACTION|WORK))?(\\s+ISOLATION\\s+LEVEL\\s+[a-z ]+)?\\s*;\\s*(--.*)?");
    private static final Pattern NO_TX = Pattern.compile(
            "(?is)((CREATE\\s+(UNIQUE\\s+)?INDEX|DROP\\s+INDEX|REINDEX\\b.*)\\s+CONCURRENTLY\\b.*"
                    + "|VACUUM\\b.*|CREATE\\s+DATABASE\\b.*|DROP\\s+DATABASE\\b.*|ALTER\\s+SYSTEM\\b.*"
                    + "|CALL\\s+refresh_continuous_aggregate\\b.*)");

    private SourceSql() {
    }

    /** A section's SQL, cleaned. */
    record Section(String sql, boolean transactional, int statements) {
    }

    /** The text of {@code file}, UTF-8, LF line endings, no byte order mark. */
    static String read(Path file, String shown) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new StrataException(ErrorCode.SCRIPT_NOT_UTF8, shown + " is not UTF-8 text; convert it to UTF-8"
                    + " (e.g. iconv -f LATIN1 -t UTF-8) and import again; nothing was written");
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read " + shown + ": " + e.getMessage());
        }
    }

    /**
     * Cleans {@code sql} (from {@code where}, for messages and notes); every change is added to {@code notes}.
     */
    static Section clean(String sql, String where, List<String> notes) {
        List<SqlStatement> statements = SqlSplitter.split(sql, 1, where);
        Set<Integer> dropLines = new HashSet<>();
        String[] lines = sql.split("\n", -1);
        int kept = 0;
        boolean transactional = true;
        for (SqlStatement s : statements) {
            String text = s.sql().strip();
            if (TX_CONTROL.matcher(text).matches()) {
                int idx = s.line() - 1;
                if (idx < lines.length && TX_LINE.matcher(lines[idx]).matches()) {
                    dropLines.add(idx);
                    notes.add(where + ":" + s.line() + ": removed '" + text + ";': Strata runs each revision in a"
                            + " transaction of its own, with its history row");
                    continue;
                }
                throw new StrataException(ErrorCode.SCRIPT_SECTION_INVALID, where + ":" + s.line() + ": the"
                        + " transaction control statement '" + text + "' shares its line with other SQL; put it on a"
                        + " line of its own (or remove it) and import again; nothing was written");
            }
            kept++;
            if (transactional && NO_TX.matcher(text).matches()) {
                transactional = false;
                notes.add(where + ":" + s.line() + ": '" + firstWords(text) + "' cannot run inside a transaction:"
                        + " the revision is marked transactional false (statement by statement)");
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (!dropLines.contains(i)) {
                out.append(lines[i]);
                if (i < lines.length - 1) {
                    out.append('\n');
                }
            }
        }
        String body = out.toString().strip();
        return new Section(body.isEmpty() ? "" : body + "\n", transactional, kept);
    }

    private static String firstWords(String text) {
        String one = text.replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 60) + "..." : one;
    }
}
