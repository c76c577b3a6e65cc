package dev.strata.lint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a rule knows when it looks at a statement: the revision (file, transaction mode, declared data
 * loss), which section it is in, what earlier statements of the section did, and the facts of the chain.
 * Built and updated by the linter only.
 */
final class Scope {
    final String file;
    final boolean transactional;
    final boolean upgrade;
    /** The {@code destructive} reason of the header, or null. */
    final String destructive;
    final boolean irreversible;
    /** Strata's session lock_timeout for the run ({@link Duration#ZERO}: none configured). */
    final Duration strataLockTimeout;
    final ChainFacts chain;

    /** Tables created earlier in this revision: nobody else can see them yet, so they hold no data. */
    final Set<String> created = new HashSet<>();
    /** Lines of upgrade statements under {@code -- strata:defer-until-rows} (built after the commit, concurrently). */
    Set<Integer> deferredLines = Set.of();
    /** Tables that got schema changes in this section, that were not created in it. */
    final Set<String> alteredExisting = new HashSet<>();
    /** Every statement of the section so far, in order. */
    final List<Stmt> before = new ArrayList<>();
    /** The whole section (for section-level checks). */
    List<Stmt> all = List.of();
    /** Line of a {@code SET lock_timeout = 0} / {@code RESET lock_timeout} seen earlier in the section, else 0. */
    int lockTimeoutOffAt;
    boolean lockTimeoutSet;
    boolean maintenanceWorkMemSet;
    int openTransactions;
    /** Names of constraints added NOT VALID earlier in this section. */
    final Set<String> notValidAdded = new HashSet<>();
    /** True once a statement of this (transactional) section took ACCESS EXCLUSIVE or SHARE ROW EXCLUSIVE. */
    boolean strongLockHeld;
    /** For a downgrade: whether the upgrade section changed the schema. */
    boolean changedSchema;
    /** Whether SA042 already reported for this section (once is enough). */
    boolean lockTimeoutReported;
    /** Enum labels added earlier in this section. */
    final Set<String> enumValuesAdded = new HashSet<>();

    Scope(String file, boolean transactional, boolean upgrade, String destructive, boolean irreversible,
          Duration strataLockTimeout, ChainFacts chain) {
        this.file = file;
        this.transactional = transactional;
        this.upgrade = upgrade;
        this.destructive = destructive;
        this.irreversible = irreversible;
        this.strataLockTimeout = strataLockTimeout;
        this.chain = chain;
    }

    /** True when the table existed before this revision (so it may hold data and be in use). */
    boolean existing(String table) {
        return table != null && !created.contains(table);
    }

    /** True when a lock wait of this statement would be cut short by a lock_timeout. */
    boolean lockTimeoutActive() {
        if (lockTimeoutOffAt > 0) {
            return false;
        }
        return lockTimeoutSet || !strataLockTimeout.isZero();
    }

    boolean hypertable(String table) {
        return table != null && chain.hypertables.containsKey(table);
    }

    /** Whether {@code s} is an IVFFlat build deferred by {@code -- strata:defer-until-rows}. */
    boolean deferred(Stmt s) {
        return upgrade && !s.inDo() && deferredLines.contains(s.line());
    }
}
