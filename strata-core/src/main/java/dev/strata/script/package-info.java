/**
 * Revision files: reading a migrations folder ({@link dev.strata.script.ScriptLoader}), parsing one SQL
 * revision file into its header, sections, statements and checksum ({@link dev.strata.script.ScriptParser}),
 * and rendering the text of a new one ({@link dev.strata.script.RevisionTemplate}). The Java kind of
 * revision, {@link dev.strata.script.JavaMigrationScript}, lives here too because the script family is sealed;
 * finding and reading Java revision classes is {@code dev.strata.java}'s business. Nothing here builds the
 * revision graph or touches a database; the file format is the one described under "Revision files" in
 * the design.
 */
package dev.strata.script;
