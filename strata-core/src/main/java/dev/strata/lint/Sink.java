package dev.strata.lint;

import java.util.Set;

/** Where a rule reports; the linter adds the rule, the severity, the file and any suppression. */
interface Sink {
    /**
     * @param s       the statement (its line is the finding's line); null for the revision as a whole
     * @param table   the table it affects, or null
     * @param lock    the lock it takes on that table, or null when it takes none worth naming
     * @param effects what else it does
     * @param what    what the statement does, in words, for this finding
     */
    void report(Stmt s, String table, LockLevel lock, Set<Effect> effects, String what);

    default void report(Stmt s, String what) {
        report(s, s == null ? null : s.table(), null, Set.of(), what);
    }
}
