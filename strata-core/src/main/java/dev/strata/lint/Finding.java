package dev.strata.lint;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One problem the linter found.
 *
 * @param severity    the effective severity (configuration and revision facts applied)
 * @param table       the table the statement affects, or null
 * @param lock        the lock the statement takes on it, or null
 * @param effects     rewrite, full scan, data loss... (sorted)
 * @param what        what the statement does, in words
 * @param statement   the statement, shortened to one line ("" for revision-level findings)
 * @param suppressed  the reason of the {@code -- strata:allow} line that suppresses it, or null
 * @param observation what observed analysis saw ({@link Observation#NONE} for static linting)
 * @param size        the table's size on the configured database, or null when unknown
 * @param downgrade   true when the statement is in the downgrade section
 */
public record Finding(RuleInfo rule, Severity severity, Location location, String table, LockLevel lock,
                      Set<Effect> effects, String what, String statement, String suppressed,
                      Observation observation, TableSize size, boolean downgrade) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(what, "what");
        effects = effects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(effects));
        statement = statement == null ? "" : statement;
        observation = observation == null ? Observation.NONE : observation;
    }

    public boolean isSuppressed() {
        return suppressed != null;
    }

    Finding suppressedBy(String reason) {
        return new Finding(rule, severity, location, table, lock, effects, what, statement, reason, observation, size,
                downgrade);
    }

    /** This finding with what observed analysis saw. */
    public Finding observed(Observation o) {
        return new Finding(rule, severity, location, table, lock, effects, what, statement, suppressed, o, size,
                downgrade);
    }

    /** This finding with the table's size and the severity it leads to. */
    public Finding sized(TableSize s, Severity sev) {
        return new Finding(rule, sev, location, table, lock, effects, what, statement, suppressed, observation, s,
                downgrade);
    }

    /** The effects in declaration order. */
    public java.util.List<Effect> sortedEffects() {
        return effects.stream().sorted().toList();
    }

    /** The lock and effects in words: "ACCESS EXCLUSIVE on orders (blocks reads and writes); rewrites the table". */
    public String impact() {
        StringBuilder b = new StringBuilder();
        if (lock != null) {
            b.append(lock.sql()).append(" lock").append(table == null ? "" : " on " + table)
                    .append(" (").append(lock.blocks()).append(')');
        }
        for (Effect e : sortedEffects()) {
            b.append(b.length() == 0 ? "" : "; ").append(e.text());
        }
        return b.toString();
    }
}
