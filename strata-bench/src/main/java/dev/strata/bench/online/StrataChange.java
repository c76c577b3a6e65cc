package dev.strata.bench.online;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One schema change made the Strata way, on a connection of its own (autocommit on, session settings at
 * their defaults, {@code maintenance_work_mem} as for the naive statement). It returns when the change
 * is completely in place, and may commit as many times as it likes on the way.
 */
@FunctionalInterface
public interface StrataChange {
    void apply(Connection connection) throws SQLException;
}
