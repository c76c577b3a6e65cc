/**
 * Benchmarks that run Strata next to its peers on the same PostgreSQL server in one run. The apply
 * benchmark generates the same revisions in Strata's and Flyway's formats, applies them with Strata,
 * with Flyway and with bare JDBC (the floor: no bookkeeping at all), each in its own JVM started with
 * the same flags, and reports medians, ratios, peak memory and pass or miss against the targets.
 * Nothing here is part of the product; it only measures it.
 */
package dev.strata.bench;
