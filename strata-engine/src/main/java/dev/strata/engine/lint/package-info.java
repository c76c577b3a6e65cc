/**
 * The migration linter as an engine service: the {@code [lint]} table of {@code strata.toml}
 * ({@link dev.strata.engine.lint.LintConfig}) and the gate in front of an upgrade
 * ({@link dev.strata.engine.lint.LintGate}), returning records that the CLI, the library facade, the Spring Boot
 * starter and the Maven plugin render their own way.
 */
package dev.strata.engine.lint;
