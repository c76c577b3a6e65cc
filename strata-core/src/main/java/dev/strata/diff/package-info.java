/**
 * The differ: compares two {@link dev.strata.model.SchemaModel}s and answers the {@link dev.strata.op.Op}s that
 * turn the first into the second, in dependency order (create what is referenced before what references it,
 * drop in the reverse order). Small per-kind differs (tables, columns, constraints, indexes, types, views,
 * routines, comments) add their ops to ordered phases; {@link dev.strata.diff.Differ} composes them. Anything
 * the vocabulary cannot express is reported as a human-readable line, never dropped; renames are applied only
 * when confirmed, and detected ones are reported as candidates. The downgrade is the diff in the other direction.
 */
package dev.strata.diff;
