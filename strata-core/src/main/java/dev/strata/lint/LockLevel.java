package dev.strata.lint;

/** The PostgreSQL table lock modes a statement can take, with what each blocks (PostgreSQL 15 docs). */
public enum LockLevel {
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", true, true),
    EXCLUSIVE("EXCLUSIVE", false, true),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", false, true),
    SHARE("SHARE", false, true),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", false, false),
    ROW_EXCLUSIVE("ROW EXCLUSIVE", false, false);

    private final String sql;
    private final boolean blocksReads;
    private final boolean blocksWrites;

    LockLevel(String sql, boolean blocksReads, boolean blocksWrites) {
        this.sql = sql;
        this.blocksReads = blocksReads;
        this.blocksWrites = blocksWrites;
    }

    /** The mode as PostgreSQL spells it. */
    public String sql() {
        return sql;
    }

    public boolean blocksReads() {
        return blocksReads;
    }

    public boolean blocksWrites() {
        return blocksWrites;
    }

    /**
     * The mode as pg_locks names it ({@code AccessExclusiveLock}); null for ACCESS SHARE and ROW SHARE (plain
     * reads and SELECT ... FOR UPDATE), which no rule is about.
     */
    public static LockLevel fromPgLocks(String mode) {
        for (LockLevel l : values()) {
            String camel = java.util.Arrays.stream(l.sql.split(" "))
                    .map(w -> w.charAt(0) + w.substring(1).toLowerCase(java.util.Locale.ROOT))
                    .reduce("", String::concat) + "Lock";
            if (camel.equals(mode)) {
                return l;
            }
        }
        return null;
    }

    /** The stronger of two modes (null counts as none). */
    public static LockLevel stronger(LockLevel a, LockLevel b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    /** What waiting sessions notice while it is held. */
    public String blocks() {
        return blocksReads ? "blocks reads and writes" : blocksWrites ? "blocks writes" : "blocks other DDL only";
    }
}
