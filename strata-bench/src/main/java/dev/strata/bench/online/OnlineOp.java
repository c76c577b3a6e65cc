package dev.strata.bench.online;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The schema changes the benchmark makes to {@code orders}, each with the naive statement, the SQL that
 * undoes it (idempotent: also cleans up after either mode failing part way), and a catalog query that
 * is true when the change is fully in place. Both modes must reach the same end state.
 */
public enum OnlineOp {
    /** A NOT NULL column whose default is volatile: the naive form rewrites the whole table. */
    ADD_COLUMN_VOLATILE("add-column-volatile",
            "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT md5(random()::text)",
            List.of("ALTER TABLE orders DROP COLUMN IF EXISTS status"),
            "SELECT a.attnotnull AND a.atthasdef AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                    + " WHERE c.conrelid = a.attrelid AND c.contype = 'c')"
                    + " FROM pg_attribute a WHERE a.attrelid = 'orders'::regclass AND a.attname = 'status'"
                    + " AND NOT a.attisdropped",
            true),
    /** A NOT NULL column with a constant default: metadata only since PostgreSQL 11, in both modes. */
    ADD_COLUMN_CONSTANT("add-column-constant",
            "ALTER TABLE orders ADD COLUMN channel text NOT NULL DEFAULT 'web'",
            List.of("ALTER TABLE orders DROP COLUMN IF EXISTS channel"),
            "SELECT a.attnotnull AND a.atthasdef FROM pg_attribute a WHERE a.attrelid = 'orders'::regclass"
                    + " AND a.attname = 'channel' AND NOT a.attisdropped",
            false),
    ADD_FOREIGN_KEY("add-foreign-key",
            "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)",
            List.of("ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_customer_fk"),
            "SELECT convalidated FROM pg_constraint WHERE conname = 'orders_customer_fk' AND contype = 'f'",
            false),
    ADD_UNIQUE("add-unique",
            "ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (ref)",
            List.of("ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_ref_key",
                    "DROP INDEX IF EXISTS orders_ref_key"),
            "SELECT c.convalidated AND i.indisvalid FROM pg_constraint c JOIN pg_index i ON i.indexrelid = c.conindid"
                    + " WHERE c.conname = 'orders_ref_key' AND c.contype = 'u'",
            false),
    CREATE_INDEX("create-index",
            "CREATE INDEX orders_amount_idx ON orders (amount)",
            List.of("DROP INDEX IF EXISTS orders_amount_idx"),
            "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('orders_amount_idx')",
            false),
    /** int to bigint on a NOT NULL column: the naive form rewrites the table and rebuilds every index. */
    WIDEN_INT("widen-int",
            "ALTER TABLE orders ALTER COLUMN qty TYPE bigint",
            List.of("DROP TRIGGER IF EXISTS strata_sync_orders_qty ON orders",
                    "DROP FUNCTION IF EXISTS strata_sync_orders_qty()",
                    "ALTER TABLE orders DROP COLUMN IF EXISTS qty_strata_new",
                    "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_qty_strata_new_not_null",
                    "ALTER TABLE orders ALTER COLUMN qty TYPE int"),
            "SELECT format_type(a.atttypid, a.atttypmod) = 'bigint' AND a.attnotnull"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = a.attrelid AND NOT t.tgisinternal)"
                    + " FROM pg_attribute a WHERE a.attrelid = 'orders'::regclass AND a.attname = 'qty'"
                    + " AND NOT a.attisdropped",
            false);

    private final String label;
    private final String naiveSql;
    private final List<String> undoSql;
    private final String verifySql;
    private final boolean vacuumAfter;

    OnlineOp(String label, String naiveSql, List<String> undoSql, String verifySql, boolean vacuumAfter) {
        this.label = label;
        this.naiveSql = naiveSql;
        this.undoSql = List.copyOf(undoSql);
        this.verifySql = verifySql;
        this.vacuumAfter = vacuumAfter;
    }

    /** The name used on the command line and in the report. */
    public String label() {
        return label;
    }

    /** The single statement a developer would write; it holds a write-blocking lock for its whole run. */
    public String naiveSql() {
        return naiveSql;
    }

    /** Statements that bring {@code orders} back to its loaded shape, whichever mode ran and however far it got. */
    public List<String> undoSql() {
        return undoSql;
    }

    /** A query returning one boolean row, true when the change is completely in place (no row: not in place). */
    public String verifySql() {
        return verifySql;
    }

    /** Whether the undo leaves a table full of dead rows (a batched backfill touched every row), so VACUUM follows. */
    public boolean vacuumAfter() {
        return vacuumAfter;
    }

    /** Whether the change fills every row of the table (where a backfill strategy applies). */
    public boolean backfillsEveryRow() {
        return this == ADD_COLUMN_VOLATILE || this == WIDEN_INT;
    }

    /** The op called {@code label}; throws with the list of known ops otherwise. */
    public static OnlineOp of(String label) {
        for (OnlineOp op : values()) {
            if (op.label.equals(label)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + label + "'; known: "
                + Arrays.stream(values()).map(OnlineOp::label).collect(Collectors.joining(", ")));
    }
}
