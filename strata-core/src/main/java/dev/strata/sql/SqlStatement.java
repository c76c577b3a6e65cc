package dev.strata.sql;

/**
 * One SQL statement cut out of a script, without its terminating semicolon.
 *
 * @param sql  the statement text, trimmed, comments inside it kept
 * @param line the 1-based line of the file on which the statement starts
 */
public record SqlStatement(String sql, int line) {
    public SqlStatement {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("empty statement");
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1");
        }
    }
}
