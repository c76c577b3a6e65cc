package dev.strata.run;

import dev.strata.graph.RevisionId;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SQL of Strata's own bookkeeping: the version table (the current heads) and the append-only
 * history table, in a configurable schema. The JDBC target runs the parameterized forms; the offline
 * target prints the literal forms, so both say the same thing.
 */
public record StateTables(String schema, String versionTable, String historyTable) {
    public static final StateTables DEFAULT = new StateTables("public", "strata_version", "strata_history");

    public StateTables {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(versionTable, "versionTable");
        Objects.requireNonNull(historyTable, "historyTable");
    }

    public String version() {
        return SqlText.qualified(schema, versionTable);
    }

    public String history() {
        return SqlText.qualified(schema, historyTable);
    }

    /** Idempotent DDL that creates what is missing. */
    public List<String> ddl() {
        List<String> out = new ArrayList<>();
        if (!schema.equals("public")) {
            out.add("CREATE SCHEMA IF NOT EXISTS " + SqlText.ident(schema));
        }
        out.add("CREATE TABLE IF NOT EXISTS " + version() + " (\n"
                + "    revision text PRIMARY KEY,\n"
                + "    applied_at timestamptz NOT NULL DEFAULT now()\n"
                + ")");
        out.add("CREATE TABLE IF NOT EXISTS " + history() + " (\n"
                + "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                + "    revision text NOT NULL,\n"
                + "    action text NOT NULL,\n"
                + "    message text NOT NULL,\n"
                + "    checksum text,\n"
                + "    started_at timestamptz NOT NULL DEFAULT now(),\n"
                + "    execution_ms bigint,\n"
                + "    applied_by text NOT NULL DEFAULT current_user,\n"
                + "    client_addr text DEFAULT coalesce(host(inet_client_addr()), 'local'),\n"
                + "    tool_version text NOT NULL,\n"
                + "    status text NOT NULL,\n"
                + "    error text,\n"
                + "    statements_run integer NOT NULL DEFAULT 0,\n"
                + "    statements_total integer NOT NULL DEFAULT 0,\n"
                + "    details jsonb\n"
                + ")");
        return out;
    }

    /**
     * Adds the {@code details} column to a history table made before it existed (idempotent). The column holds an
     * upgrade's or downgrade's measurements ({@link StepMetrics}) and is null in older rows.
     */
    public String addDetailsColumn() {
        return "ALTER TABLE " + history() + " ADD COLUMN IF NOT EXISTS details jsonb";
    }

    /**
     * One statement doing all the bookkeeping of a step. Parameters, in order: text[] heads to remove,
     * text[] heads to add, then the history columns revision, action, message, checksum,
     * started_at (timestamptz), execution_ms (bigint), tool_version, status, error, statements_run,
     * statements_total, details (JSON text or null).
     */
    public String bookkeepingStatement() {
        return "WITH removed AS (DELETE FROM " + version() + " WHERE revision = ANY (?::text[])),\n"
                + "     added AS (INSERT INTO " + version() + " (revision) SELECT unnest(?::text[]))\n"
                + "INSERT INTO " + history() + " (revision, action, message, checksum, started_at, execution_ms,"
                + " tool_version, status, error, statements_run, statements_total, details)\n"
                + "VALUES (?, ?, ?, ?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?::jsonb)";
    }

    /** The same bookkeeping as literal SQL statements, for offline scripts; started_at is now(), execution_ms NULL. */
    public List<String> bookkeepingLiteral(Bookkeeping b, String toolVersion) {
        List<String> out = new ArrayList<>();
        List<RevisionId> remove = b.removeHeads();
        List<RevisionId> add = b.addHeads();
        if (remove.size() == 1 && add.size() == 1) {
            out.add("UPDATE " + version() + " SET revision = " + SqlText.literal(add.get(0).value())
                    + ", applied_at = now() WHERE revision = " + SqlText.literal(remove.get(0).value()));
        } else {
            if (!remove.isEmpty()) {
                out.add("DELETE FROM " + version() + " WHERE revision IN (" + literals(remove) + ")");
            }
            if (!add.isEmpty()) {
                out.add("INSERT INTO " + version() + " (revision) VALUES ("
                        + String.join("), (", add.stream().map(r -> SqlText.literal(r.value())).toList()) + ")");
            }
        }
        HistoryEntry e = b.entry();
        out.add("INSERT INTO " + history() + " (revision, action, message, checksum, tool_version, status, error,"
                + " statements_run, statements_total) VALUES ("
                + SqlText.literal(e.revision()) + ", " + SqlText.literal(e.action().sql()) + ", "
                + SqlText.literal(e.message()) + ", " + SqlText.literal(e.checksum()) + ", "
                + SqlText.literal(toolVersion) + ", " + SqlText.literal(e.status().sql()) + ", "
                + SqlText.literal(e.error()) + ", " + e.statementsRun() + ", " + e.statementsTotal() + ")");
        return out;
    }

    private static String literals(List<RevisionId> ids) {
        return String.join(", ", ids.stream().map(r -> SqlText.literal(r.value())).toList());
    }

    /** The heads: one column, revision. */
    public String selectHeads() {
        return "SELECT revision FROM " + version() + " ORDER BY revision";
    }

    /** The checksum each revision was last applied, stamped or accepted with: revision, checksum. */
    public String selectChecksums() {
        return "SELECT DISTINCT ON (revision) revision, checksum FROM " + history()
                + " WHERE status = 'ok' AND checksum IS NOT NULL"
                + " AND action IN ('upgrade', 'stamp-up', 'accept-checksum')"
                + " ORDER BY revision, id DESC";
    }

    /**
     * Unresolved partial failures: revision, statements_run, statements_total, error, started_at. A
     * partial row is resolved by a later successful upgrade or a repair of the same revision.
     */
    public String selectPartial() {
        return "SELECT DISTINCT ON (p.revision) p.revision, p.statements_run, p.statements_total, p.error, p.started_at"
                + " FROM " + history() + " p WHERE p.status = 'partial' AND NOT EXISTS (SELECT 1 FROM " + history()
                + " q WHERE q.revision = p.revision AND q.id > p.id AND q.status = 'ok'"
                + " AND q.action IN ('upgrade', 'repair', 'stamp-up', 'stamp-down'))"
                + " ORDER BY p.revision, p.id DESC";
    }

    /**
     * The whole history, oldest first (for {@code strata history --db}, reports and tests); the last column is
     * {@code details} as text, read through {@code to_jsonb} of the row so that a table without that column (made
     * before it existed) reads as null.
     */
    public String selectHistory() {
        return "SELECT id, revision, action, message, checksum, started_at, execution_ms, applied_by, client_addr,"
                + " tool_version, status, error, statements_run, statements_total, nullif(to_jsonb(h) -> 'details', 'null')::text"
                + " FROM " + history() + " h ORDER BY id";
    }

    /** The advisory lock key pair (classid, objid) for these tables: a fixed namespace plus a hash of the table names. */
    public int[] lockKey() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update((schema + '.' + versionTable).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new int[] {LOCK_NAMESPACE, (int) crc.getValue()};
    }

    /** "STRA" as an int: the first half of every Strata advisory-lock key. */
    public static final int LOCK_NAMESPACE = 0x53545241;
}
