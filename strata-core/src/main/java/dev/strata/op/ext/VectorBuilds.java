package dev.strata.op.ext;

import dev.strata.sql.SqlText;

/**
 * SQL around a pgvector index build that both typed ops ({@link CreateVectorIndex}) and SQL revisions (the
 * {@code -- strata:defer-until-rows} directive) use: the build-memory check and the offline form of a deferred
 * build. Table texts are SQL as written (quoted or not, schema-qualified or not): they are resolved by PostgreSQL
 * with the session's search path, never concatenated from values.
 */
public final class VectorBuilds {
    private VectorBuilds() {
    }

    /**
     * A {@code DO} block raising a WARNING when the build's estimated memory, rows × (8 + 4 × dimensions) × 1.3
     * bytes, exceeds {@code maintenance_work_mem}; dimensions come from the column's type modifier. Rows come
     * from the planner's estimate ({@code pg_class.reltuples}); when there is none (a table never analyzed or
     * vacuumed has -1; a hypertable or partitioned table keeps its rows in its chunks and has -1 or 0) the rows
     * are counted, but only up to the number that would exceed the budget, so the count stays cheap and the
     * warning still fires.
     *
     * @param table  the table, as SQL
     * @param column the indexed column
     * @param index  the index name, for the message
     */
    public static String memoryCheck(String table, String column, String index) {
        String regclass = SqlText.literal(table) + "::regclass";
        String body = "\nDECLARE\n"
                + "    dimensions numeric := coalesce((SELECT greatest(a.atttypmod, 0) FROM pg_catalog.pg_attribute a"
                + " WHERE a.attrelid = " + regclass + " AND a.attname = " + SqlText.literal(column) + "), 0);\n"
                + "    per_row numeric := (8 + 4 * dimensions) * 1.3;\n"
                + "    budget numeric := pg_catalog.pg_size_bytes(pg_catalog.current_setting('maintenance_work_mem'));\n"
                + "    estimated_rows numeric := (SELECT c.reltuples FROM pg_catalog.pg_class c WHERE c.oid = " + regclass
                + ");\n"
                + "    how text := 'about';\n"
                + "    needed numeric;\n"
                + "BEGIN\n"
                + "    IF estimated_rows IS NULL OR estimated_rows <= 0 THEN\n"
                + "        -- no planner estimate: count, up to the rows that exceed the budget\n"
                + "        estimated_rows := (SELECT pg_catalog.count(*) FROM (SELECT FROM " + table
                + " LIMIT (pg_catalog.floor(budget / per_row) + 1)::bigint) s);\n"
                + "        how := 'at least';\n"
                + "    END IF;\n"
                + "    needed := estimated_rows * per_row;\n"
                + "    IF needed > budget THEN\n"
                + "        RAISE WARNING 'strata: index % needs % % to build (rows x (8 + 4 x dimensions) x 1.3),"
                + " more than maintenance_work_mem = %; the build spills to disk and is slow: give the op a larger"
                + " maintenance_work_mem', " + SqlText.literal(index) + ", how, pg_catalog.pg_size_pretty(needed),"
                + " pg_catalog.current_setting('maintenance_work_mem');\n"
                + "    END IF;\n"
                + "END\n";
        return "DO " + SqlText.dollarQuoted(body);
    }

    /**
     * The offline form of a deferred build: a {@code DO} block that runs {@code plainCreate} (no CONCURRENTLY and
     * no per-chunk option, neither of which may run inside a DO block) when the table has {@code minRows} rows,
     * and otherwise raises a NOTICE.
     *
     * @param table       the table, as SQL
     * @param tableLabel  the table as people read it, for the notice
     * @param index       the index name, for the notice
     * @param minRows     rows the build waits for
     * @param plainCreate the plain {@code CREATE INDEX IF NOT EXISTS ...}
     */
    public static String offlineBlock(String table, String tableLabel, String index, long minRows, String plainCreate) {
        String notice = "strata: index " + index + " on " + tableLabel + " deferred: the table has fewer than "
                + minRows + " rows (lists x " + CreateVectorIndex.MIN_ROWS_PER_LIST + "); build it once they are loaded";
        String body = "\nBEGIN\n"
                + "    IF (SELECT count(*) FROM (SELECT FROM " + table + " LIMIT " + minRows + ") s) >= " + minRows
                + " THEN\n"
                + "        " + plainCreate + ";\n"
                + "    ELSE\n"
                + "        RAISE NOTICE '%', " + SqlText.literal(notice) + ";\n"
                + "    END IF;\n"
                + "END\n";
        return "DO " + SqlText.dollarQuoted(body);
    }
}
