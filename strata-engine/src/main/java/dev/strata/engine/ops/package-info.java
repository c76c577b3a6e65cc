/**
 * The operations around an upgrade that seed 002's production process and seed 003's runner ask for: the
 * pre-checks ({@link dev.strata.engine.ops.Preflight}), verified pg_dump backups with retention and restore
 * ({@link dev.strata.engine.ops.Backups}), seed data per environment ({@link dev.strata.engine.ops.Seeds}), and
 * the upgrade that runs them in order ({@link dev.strata.engine.ops.Upgrade}). Results are records, progress goes
 * to the workspace's listener as notices; nothing is printed.
 */
package dev.strata.engine.ops;
