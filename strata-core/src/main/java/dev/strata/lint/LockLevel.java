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

    /** What waiting sessions notice while it is held. */
    public String blocks() {
        return blocksReads ? "blocks reads and writes" : blocksWrites ? "blocks writes" : "blocks other DDL only";
    }
}
