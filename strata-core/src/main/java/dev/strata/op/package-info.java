/**
 * The change vocabulary: one sealed family of immutable ops, each knowing its inverse, rendered to SQL in
 * exactly one place ({@link dev.strata.op.Renderer}). Java revisions record ops through
 * {@link dev.strata.op.Operations}; the differ produces them; the linter reads them.
 */
package dev.strata.op;
