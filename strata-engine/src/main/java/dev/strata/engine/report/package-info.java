/**
 * The results of the engine as documents: one record per kind of {@code --json} output (revisions, status,
 * the audit log, runs, diffs). Component names map to snake_case JSON fields and the component order is the
 * field order, so a front end serialising them with one Jackson mapper (snake_case naming) gets the documents
 * described by the JSON Schemas in docs/json-schema/. {@link dev.strata.engine.report.MarkdownReport} and
 * {@link dev.strata.engine.report.HtmlReport} render the migration report as documents (files to post or keep,
 * not console output). Nothing here reads a database or prints.
 */
package dev.strata.engine.report;
