/**
 * The inspect + diff benchmark: a generated 1,000-table schema with indexes, constraints, views and functions in
 * one database and a slightly changed copy in another; inspects both and diffs them, warm and cold, and prints the
 * times against the targets (warm inspect + diff within 1 s; a fresh JVM from the command line within 2 s).
 */
package dev.strata.bench.diff;
