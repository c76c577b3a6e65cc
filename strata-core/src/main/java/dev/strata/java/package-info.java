/**
 * Java revisions: classes annotated {@link dev.strata.java.StrataRevision} that implement
 * {@link dev.strata.java.JavaMigration} and record their changes as ops through
 * {@link dev.strata.op.Operations}. {@link dev.strata.java.JavaMigrationLoader} finds them in a package on a
 * class loader's class path and turns each into a {@link dev.strata.script.JavaMigrationScript}: the same
 * header fields as a SQL revision, plans rendered by the one {@link dev.strata.op.Renderer}, a downgrade
 * that is derived from the upgrade's ops when the author writes none, and a checksum of the rendered SQL.
 * The code here reads classes and calls their methods; it opens no connection and writes no file.
 */
package dev.strata.java;
