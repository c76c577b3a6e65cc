/**
 * The lint benchmark: static linting of generated revisions timed as a whole {@code strata lint} process, and
 * squawk-cli run over the same fixtures as Strata, printing per fixture which tool found what.
 */
package dev.strata.bench.lint;
