/**
 * The online-DDL benchmark: one large table under a steady, open-loop write load from a separate
 * connection pool, and a series of schema changes run against it, each once as the naive single
 * statement and once the way Strata's safe operations run it. For every change it reports how long
 * the change took and what the application's writes saw meanwhile (latency percentiles, the worst
 * write, failed writes). The Strata side is a pluggable {@link dev.strata.bench.online.StrataChange};
 * {@link dev.strata.bench.online.StrataOpsChanges} makes it the way users do: the ops of a Java revision,
 * applied by the runner. Nothing here is part of the product; it only measures it.
 */
package dev.strata.bench.online;
