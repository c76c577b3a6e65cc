/**
 * Where schema models come from for the commands that compare schemas (autogenerate, diff, check,
 * diagram): scratch databases (on the dev server, else on a throw-away embedded PostgreSQL), a
 * desired-state folder of SQL files applied to one of them, the revision chain replayed on one of them,
 * or a live database; each read with Strata's own tables left out. The one call into the differ lives
 * here too ({@link dev.strata.engine.schema.SchemaDiff}), so that the commands see a single, stable shape.
 */
package dev.strata.engine.schema;
