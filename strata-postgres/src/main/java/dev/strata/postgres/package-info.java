/**
 * Everything that talks to PostgreSQL over JDBC: reading the database URLs users give
 * ({@link dev.strata.postgres.PgUrl}, which never shows a password), opening connections
 * ({@link dev.strata.postgres.PgConnections}) and the {@link dev.strata.run.Target} the Runner migrates
 * through ({@link dev.strata.postgres.JdbcTarget}: advisory lock, bookkeeping tables, statement execution).
 */
package dev.strata.postgres;
