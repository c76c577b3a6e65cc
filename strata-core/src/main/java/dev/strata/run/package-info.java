/**
 * Run orchestration against interfaces: the {@link dev.strata.run.Runner} takes the lock, reads the
 * state, validates checksums, plans steps with the revision graph and executes each one through a
 * {@link dev.strata.run.Target}, reporting progress as {@link dev.strata.run.RunEvent}s. No JDBC here.
 */
package dev.strata.run;
