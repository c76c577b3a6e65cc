/**
 * Watching runs, as an operator needs it (seed 000 §7, seed 003 "Monitoring and Alerting"): what a run measured
 * ({@link dev.strata.engine.monitor.RunMetrics}, gathered from the run's events), written as a Prometheus text file
 * for node_exporter's textfile collector, traced as OpenTelemetry spans, and checked against the alert conditions of
 * {@code strata.toml}, which may POST an alert document to a webhook. Nothing here prints.
 */
package dev.strata.engine.monitor;
