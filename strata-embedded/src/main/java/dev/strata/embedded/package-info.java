/**
 * The embedded PostgreSQL Strata falls back to when no database URL is configured: the real server
 * from zonky's binaries, with its data kept under {@code .strata/} in the project folder so it persists
 * between runs. A command either attaches to the project's long-running dev server
 * ({@code strata dev start}) or starts a server for its own duration; a file lock in {@code .strata/}
 * makes sure only one server ever runs on the data directory. {@link dev.strata.embedded.ScratchServer} is
 * the other use: a throw-away server on a temporary directory for scratch databases.
 */
package dev.strata.embedded;
