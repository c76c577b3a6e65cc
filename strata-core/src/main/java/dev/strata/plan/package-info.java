/**
 * Plans: ops rendered into ordered {@link dev.strata.plan.Statement}s, each knowing how it must run
 * (inside a transaction with its neighbours, in one of its own, outside any, or as a batched backfill)
 * and what it does to a live database ({@link dev.strata.plan.Hazard}s). Facts, not policy.
 */
package dev.strata.plan;
