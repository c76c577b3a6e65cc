package dev.strata.lint;

import dev.strata.lint.Stmt.Action;
import dev.strata.lint.Stmt.ActionKind;

/** The strongest table lock a statement takes, after the PostgreSQL 15 documentation; null when none to speak of. */
final class Locks {
    private Locks() {
    }

    static LockLevel of(Stmt s) {
        return switch (s.kind()) {
            case CREATE_INDEX -> s.index().concurrently() ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.SHARE;
            case DROP_INDEX -> s.has("concurrently") ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
            case REINDEX -> s.has("concurrently") ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.SHARE;
            case DROP_TABLE, TRUNCATE, CLUSTER, LOCK -> LockLevel.ACCESS_EXCLUSIVE;
            case VACUUM -> s.has("full") ? LockLevel.ACCESS_EXCLUSIVE : LockLevel.SHARE_UPDATE_EXCLUSIVE;
            case REFRESH_MATVIEW -> s.has("concurrently") ? LockLevel.EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
            case CREATE_TRIGGER -> LockLevel.SHARE_ROW_EXCLUSIVE;
            case ALTER_TABLE -> alterTable(s);
            default -> null;
        };
    }

    private static LockLevel alterTable(Stmt s) {
        LockLevel strongest = null;
        for (Action a : s.actions()) {
            LockLevel l = of(a);
            if (strongest == null || l.compareTo(strongest) < 0) {
                strongest = l;
            }
        }
        return strongest;
    }

    static LockLevel of(Action a) {
        if (a.kind() == ActionKind.VALIDATE || a.kind() == ActionKind.SET_OPTIONS
                || a.kind() == ActionKind.ATTACH_PARTITION
                || (a.kind() == ActionKind.DETACH_PARTITION && a.has("concurrently"))
                || (a.kind() == ActionKind.OTHER && a.has("statistics"))) {
            return LockLevel.SHARE_UPDATE_EXCLUSIVE;
        }
        if (a.kind() == ActionKind.TRIGGER_STATE
                || (a.kind() == ActionKind.ADD_CONSTRAINT && a.has("foreign"))) {
            return LockLevel.SHARE_ROW_EXCLUSIVE;
        }
        return LockLevel.ACCESS_EXCLUSIVE;
    }
}
