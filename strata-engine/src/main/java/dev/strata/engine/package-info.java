/**
 * The library API every front end uses (the CLI, and applications through {@link dev.strata.engine.Strata}):
 * configuration and environments, the project (revisions from a folder or a classpath location, plus Java
 * revisions), runs, status and autogenerate. Results are records, progress and notices are
 * {@link dev.strata.run.RunEvent}s, and nothing here prints or parses command lines.
 */
package dev.strata.engine;
