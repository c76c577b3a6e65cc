package dev.strata.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ...}. A concurrent build that
 * fails (or times out) leaves an INVALID index behind, still maintained on every write; building it again
 * then fails on the name, or, with IF NOT EXISTS, silently keeps the broken index. So the runner drops
 * such a leftover before each concurrent build. TimescaleDB's per-chunk build of a hypertable index
 * ({@code WITH (timescaledb.transaction_per_chunk)}, its stand-in for CONCURRENTLY) leaves the same kind of
 * leftover when it fails part way, and is treated alike.
 */
final class ConcurrentIndex {
    private static final Pattern CIC = Pattern.compile(
            "^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s+ON\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PER_CHUNK = Pattern.compile(
            "^\\s*CREATE\\s+INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s+ON\\b[^;]*\\btimescaledb\\.transaction_per_chunk\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ConcurrentIndex() {
    }

    /** The index name as written (quoted or not), or null when the statement is no concurrent index build. */
    static String name(String sql) {
        Matcher m = CIC.matcher(sql);
        if (m.find()) {
            return m.group(1);
        }
        Matcher p = PER_CHUNK.matcher(sql);
        return p.find() ? p.group(1) : null;
    }
}
