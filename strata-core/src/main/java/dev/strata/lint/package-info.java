/**
 * The migration linter: what each statement of a revision does to a live database (the lock it takes and on
 * which table, whether it rewrites or scans the table, loses data or breaks running clients), judged by rules
 * that know how Strata really runs the revision (its transaction mode, Strata's own lock_timeout and retries,
 * the tables the revision itself created) and answered with the safe alternative. Pure logic: statements come
 * in as text with line numbers, findings go out as records; printing and exit codes belong to the CLI.
 */
package dev.strata.lint;
