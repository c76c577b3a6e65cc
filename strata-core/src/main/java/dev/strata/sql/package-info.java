/**
 * SQL text at the edges: splitting scripts into statements with their line numbers, and quoting
 * identifiers and literals in exactly one place.
 */
package dev.strata.sql;
