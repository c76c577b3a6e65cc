/**
 * The CLI side of the migration linter: the renderings of a lint report (text, JSON, SARIF 2.1.0, GitHub workflow annotations).
 */
package dev.strata.cli.lint;
