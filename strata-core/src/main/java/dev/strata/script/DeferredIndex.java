package dev.strata.script;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.op.ext.CreateVectorIndex;
import dev.strata.op.ext.VectorBuilds;
import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.VectorBuild;
import dev.strata.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- strata:defer-until-rows} directive of a SQL revision: the IVFFlat {@code CREATE INDEX} right
 * below it is built once its table has lists × 39 rows ({@link CreateVectorIndex#MIN_ROWS_PER_LIST}), as
 * {@code CreateVectorIndex.withDeferUntilRows(true)} does for Java revisions. The statement is not part of the
 * revision's transaction: the revision commits (and stays transactional), then the runner counts the rows and
 * builds the index, or reports it deferred and lists it as pending work until a later {@code upgrade} builds it.
 * The build adds {@code CONCURRENTLY} and {@code IF NOT EXISTS} to the statement as written; a statement that
 * says {@code WITH (timescaledb.transaction_per_chunk, ...)} (a hypertable, which refuses CONCURRENTLY) is
 * built per chunk instead. Offline SQL writes it as a {@code DO} block that builds it plainly when the rows are
 * there.
 *
 * <p>Only the form the runner can rewrite safely is accepted, else the file is refused naming {@code file:line}:
 * {@code CREATE INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table USING ivfflat (column opclass)
 * [WITH (lists = N[, timescaledb.transaction_per_chunk])]}.
 */
final class DeferredIndex {
    static final String DIRECTIVE = "defer-until-rows";

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern CREATE = Pattern.compile(
            "CREATE\\s+INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + ")\\s+ON\\s+("
                    + "(?:" + NAME + "\\s*\\.\\s*)?" + NAME + ")\\s+USING\\s+(" + NAME + ")\\s*\\(\\s*(" + NAME
                    + ")\\s+(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?)\\s*\\)\\s*(?:WITH\\s*\\(([^()]*)\\))?",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private DeferredIndex() {
    }

    /** The deferred build of {@code s}, or a {@code file:line} error when {@code s} is not a form it accepts. */
    static Statement of(String location, int directiveLine, SqlStatement s) {
        String where = location + ":" + directiveLine + ": '-- strata:" + DIRECTIVE + "' ";
        Matcher m = CREATE.matcher(s.sql().strip());
        if (!m.matches()) {
            throw invalid(where + "must stand right above a statement of the form CREATE INDEX name ON table USING"
                    + " ivfflat (column opclass) [WITH (lists = N)] (line " + s.line() + " is not one): give the index"
                    + " a name and one column, or build it in a later revision by hand");
        }
        String index = m.group(1);
        String table = m.group(2).replaceAll("\\s*\\.\\s*", ".");
        if (!unquote(m.group(3)).equalsIgnoreCase("ivfflat")) {
            throw invalid(where + "applies to IVFFlat indexes, which need rows to compute their lists; line " + s.line()
                    + " builds a " + m.group(3) + " index, which builds right away: remove the directive");
        }
        long lists = 100;
        boolean perChunk = false;
        List<String> params = new ArrayList<>();
        if (m.group(6) != null && !m.group(6).isBlank()) {
            for (String p : m.group(6).split(",")) {
                String param = p.strip();
                String key = param.split("=", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (key.equals("timescaledb.transaction_per_chunk") && !param.contains("=")) {
                    perChunk = true;
                } else if (key.equals("lists") && param.contains("=")
                        && param.split("=", 2)[1].strip().replace("'", "").matches("[0-9]{1,5}")) {
                    lists = Long.parseLong(param.split("=", 2)[1].strip().replace("'", ""));
                    params.add("lists = " + lists);
                } else {
                    throw invalid(where + "accepts the parameters lists = N and timescaledb.transaction_per_chunk;"
                            + " line " + s.line() + " has '" + param + "'");
                }
            }
        }
        if (lists < 1 || lists > 32_768) {
            throw invalid(where + ": lists must be 1 to 32768 (line " + s.line() + " has " + lists + ")");
        }
        long minRows = lists * CreateVectorIndex.MIN_ROWS_PER_LIST;
        String key = " ON " + table + " USING ivfflat (" + m.group(4) + " " + m.group(5) + ")";
        String with = params.isEmpty() ? "" : " WITH (" + String.join(", ", params) + ")";
        String plain = "CREATE INDEX IF NOT EXISTS " + index + key + with;
        List<String> chunkParams = new ArrayList<>(params);
        chunkParams.add(0, "timescaledb.transaction_per_chunk");
        String online = perChunk
                ? "CREATE INDEX IF NOT EXISTS " + index + key + " WITH (" + String.join(", ", chunkParams) + ")"
                : "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + index + key + with;
        int dot = splitAt(table);
        // an index lives in its table's schema; unqualified, both resolve through the search path
        String schema = dot < table.length() ? table.substring(0, dot) + "." : "";
        VectorBuild build = new VectorBuild(schema + index, table, minRows,
                List.of(VectorBuilds.memoryCheck(table, unquote(m.group(4)), unquote(index)), online), s.sql().strip());
        String offline = VectorBuilds.offlineBlock(table, table, unquote(index), minRows, plain);
        return Statement.deferredBuild(build, offline, location + ":" + s.line(), Hazard.INDEX_BUILD,
                Hazard.NON_TRANSACTIONAL);
    }

    /** Where the schema part of a qualified name ends (the dot outside quotes). */
    private static int splitAt(String qualified) {
        boolean quoted = false;
        for (int i = 0; i < qualified.length(); i++) {
            char c = qualified.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return i;
            }
        }
        return qualified.length();
    }

    /** An identifier as PostgreSQL reads it: quotes removed (doubled quotes undone), else folded to lower case. */
    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name.toLowerCase(Locale.ROOT);
    }

    private static StrataException invalid(String message) {
        return new StrataException(ErrorCode.SCRIPT_SECTION_INVALID, message);
    }
}
